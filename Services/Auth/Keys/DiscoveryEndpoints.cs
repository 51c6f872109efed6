using AgentLightning.Infrastructure.Hosting.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AgentLightning.Auth.Keys;

/// <summary>What validators read: the discovery document and the JWKS (public keys only), both anonymous.</summary>
internal static class DiscoveryEndpoints
{
    public const string JwksPath = "/.well-known/jwks.json";

    public static IEndpointRouteBuilder MapDiscoveryEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(AuthOptions.DiscoveryPath, Discovery).AllowAnonymous().WithTags("Keys").WithName("GetDiscoveryDocument")
            .WithSummary("The discovery document validators read: issuer, JWKS address, token endpoint, signing algorithm.")
            .Produces<Dictionary<string, object>>();
        routes.MapGet(JwksPath, Jwks).AllowAnonymous().WithTags("Keys").WithName("GetSigningKeys")
            .WithSummary("The JWKS: the public keys that sign or will sign tokens (no-cache).")
            .Produces<JwksResponse>();
        routes.MapPost("/auth/keys/rotate", Rotate).RequireAuthorization(Policies.Admin).WithTags("Keys").WithName("RotateSigningKey")
            .WithSummary("Starts a signing-key rotation, or returns the one under way: the new key is published now and signs from signsFrom.")
            .Produces<KeyRotationResponse>();
        return routes;
    }

    private static IResult Discovery(HttpRequest request, IOptions<AuthOptions> auth)
    {
        var origin = $"{request.Scheme}://{request.Host}";
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["issuer"] = auth.Value.Issuer,
            ["jwks_uri"] = origin + JwksPath,
            ["token_endpoint"] = origin + "/auth/login",
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.EcdsaSha256 },
        });
    }

    private static IResult Jwks(SigningKeyStore keys, HttpResponse response)
    {
        // Validators cache by their own schedule; a shared cache in between must not hold a key back longer.
        response.Headers.CacheControl = "no-cache";
        return TypedResults.Json(new { keys = keys.Published().Select(k => k.PublicJwk()) });
    }

    /// <summary>Starts a rotation (or returns the one under way): the new key is published now and signs from <c>signsFrom</c>.</summary>
    private static IResult Rotate(SigningKeyStore keys)
    {
        var key = keys.Rotate();
        return TypedResults.Ok(new KeyRotationResponse(key.Kid, key.CreatedAt, key.ActivatesAt));
    }
}

/// <summary>The JWKS as served, for the document only: the endpoint writes the same shape.</summary>
internal sealed record JwksResponse(IReadOnlyList<Dictionary<string, string>> Keys);

internal sealed record KeyRotationResponse(string Kid, DateTimeOffset PublishedAt, DateTimeOffset SignsFrom);
