using Microsoft.Extensions.Hosting;

namespace AgentLightning.Infrastructure.Caching;

public static class CachingRegistration
{
    /// <summary>The Redis connection, the cache that never lies, and Redis locks.</summary>
    public static IHostApplicationBuilder AddCaching(this IHostApplicationBuilder builder)
    {
        return builder;
    }
}
