using System.Net.Http.Headers;
using System.Text;

namespace AgentLightning.Testing;

/// <summary>
/// The shared broker's management API (port 15672), as the user of the test connection string: it can list what
/// a test declared, which AMQP cannot.
/// </summary>
public static class ManagementApi
{
    private static readonly Lazy<(HttpClient Client, string VirtualHost)> Api = new(Create);

    public static HttpClient Client => Api.Value.Client;

    /// <summary>The connection string's virtual host, escaped for a path of the API.</summary>
    public static string VirtualHost => Api.Value.VirtualHost;

    private static (HttpClient, string) Create()
    {
        var amqp = new Uri(TestServers.RabbitMq);
        var credentials = Uri.UnescapeDataString(amqp.UserInfo);
        var vhost = Uri.UnescapeDataString(amqp.AbsolutePath.Trim('/')) is { Length: > 0 } path ? path : "/";
        var client = new HttpClient { BaseAddress = new Uri($"http://{amqp.Host}:15672/api/"), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return (client, Uri.EscapeDataString(vhost));
    }
}
