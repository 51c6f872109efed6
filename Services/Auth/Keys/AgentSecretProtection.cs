using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace AgentLightning.Auth.Keys;

internal static class AgentSecretProtection
{
    /// <summary>
    /// Agents' unclaimed key secrets are encrypted with a Data Protection key ring every Auth instance shares: in the
    /// Auth key directory (data-protection/), private to the service's user like the signing keys beside it.
    /// </summary>
    public static IServiceCollection AddAgentSecretProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("agent-lightning-auth");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<AuthServerOptions>, ILoggerFactory>((protection, auth, logs) =>
        {
            var directory = Path.Combine(auth.Value.KeyDirectory, "data-protection");
            PrivateDirectory.Create(directory);
            protection.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(directory), logs);
        });
        return services;
    }
}
