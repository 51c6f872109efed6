using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace AgentLightning.Infrastructure.Hosting.Authentication;

/// <summary>The authentication schemes: one policy scheme that forwards each request to bearer tokens or API keys.</summary>
public static class PlatformSchemes
{
    public const string Platform = "platform";

    public const string Bearer = JwtBearerDefaults.AuthenticationScheme;

    public const string ApiKey = "ApiKey";

    public const string ApiKeyHeader = "X-Api-Key";
}
