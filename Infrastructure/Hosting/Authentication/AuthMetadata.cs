using AgentLightning.Infrastructure.Messaging.Commands;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentLightning.Infrastructure.Hosting.Authentication;

/// <summary>
/// Where a service fetches Auth's discovery document and keys: through Service Discovery, as services call each other
/// (<c>http://auth</c>: a ready Auth instance of the registry, round robin), so a refresh after an instance died goes to
/// another one; the registry down or without a ready Auth instance, <c>Auth:Authority</c> (as
/// <c>Services:auth:{scheme}:0</c>, unless that is configured itself).
/// </summary>
internal static class AuthMetadata
{
    public const string ClientName = "auth-metadata";

    public static IHostApplicationBuilder AddAuthMetadataClient(this IHostApplicationBuilder builder)
    {
        var authority = builder.Configuration[$"{AuthOptions.SectionName}:{nameof(AuthOptions.Authority)}"] ?? AuthOptions.DefaultAuthority;
        var fallback = $"Services:{ServiceNames.Auth}";
        if (!builder.Configuration.GetSection(fallback).Exists() && Uri.TryCreate(authority, UriKind.Absolute, out var address))
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"{fallback}:{address.Scheme}:0"] = authority.TrimEnd('/') });
        }

        builder.Services.AddHttpClient(ClientName).AddServiceDiscovery().AddHttpMessageHandler(sp => new PlainHttpGuard(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value.AllowHttpOnPrivateNetwork));
        return builder;
    }

    /// <summary>The discovery document's logical address: Auth:Authority's scheme, the service's name.</summary>
    public static string Address(AuthOptions auth) => $"{new Uri(auth.Authority).Scheme}://{ServiceNames.Auth}{AuthOptions.DiscoveryPath}";

    /// <summary>
    /// The registry holds whatever address an instance bound; keys fetched over plain HTTP could be swapped in transit,
    /// so the instance resolved must be on loopback or HTTPS, as for Auth:Authority itself (unless the private network is allowed).
    /// </summary>
    private sealed class PlainHttpGuard(bool allowPrivateNetwork) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri is { Scheme: "http", IsLoopback: false } uri && !allowPrivateNetwork
                ? throw new HttpRequestException($"Auth's keys are not fetched over plain HTTP off the loopback interface ({uri.GetLeftPart(UriPartial.Authority)}).")
                : base.SendAsync(request, cancellationToken);
    }
}
