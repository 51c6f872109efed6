using System.Net.Http.Headers;
using System.Net.Http.Json;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AgentLightning.AiModel.Tests.Support;

/// <summary>The service's real Program in process, on a platform's database, queues and cache.</summary>
internal sealed class AiModelApp(AiModelPlatform platform) : WebApplicationFactory<Program>
{
    public HttpClient As(string? role)
    {
        var client = CreateClient();
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(role));
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Postgres", platform.Database.ConnectionString);
        builder.UseSetting("ConnectionStrings:Redis", TestServers.Redis);
        builder.UseSetting("ConnectionStrings:RabbitMq", TestServers.RabbitMq);
        builder.UseSetting("Auth:Authority", Tokens.Authority);
        builder.UseSetting("Messaging:QueuePrefix", platform.QueuePrefix);
        builder.UseSetting("Messaging:WaitUntilStarted", "true");
        builder.UseSetting("Cache:SchemaVersion", platform.CacheSchema);
        builder.UseSetting("Service:Name", ServiceNames.AiModel);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}

/// <summary>Requests as a client of the platform sends them.</summary>
internal static class Api
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body);
}
