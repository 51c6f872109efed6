using AgentLightning.Infrastructure.Hosting.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AgentLightning.Auth.Keys;

/// <summary>Auth validates its own tokens against its key directory rather than over HTTP to itself.</summary>
internal sealed class LocalKeyConfiguration(SigningKeyStore keys, IOptions<AuthOptions> auth) : IConfigurationManager<OpenIdConnectConfiguration>
{
    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = auth.Value.Issuer };
        foreach (var key in keys.Published())
        {
            configuration.SigningKeys.Add(key.SecurityKey);
        }

        return Task.FromResult(configuration);
    }

    public void RequestRefresh()
    {
    }
}
