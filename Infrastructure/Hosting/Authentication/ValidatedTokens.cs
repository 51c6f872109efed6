using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AgentLightning.Infrastructure.Hosting.Authentication;

/// <summary>
/// Verifies a token's ES256 signature once per key set instead of on every request (it was a good part of every
/// request's CPU). A token that validated is remembered, by its exact text, until it expires (with the same clock
/// skew the validation allows) and only while the keys it was checked against are still the published ones: a
/// refresh of Auth's keys (on an unknown key id, or the periodic one) starts over. Failures are never remembered, and
/// each request gets its own copy of the identity.
/// </summary>
internal sealed class ValidatedTokens(TimeProvider clock) : JsonWebTokenHandler
{
    /// <summary>Tokens live minutes and a service sees a few thousand callers at most; beyond this it starts over.</summary>
    internal const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, Validated> _valid = new(StringComparer.Ordinal);
    private long _verified;

    /// <summary>Tokens verified in full (signature included) so far.</summary>
    internal long Verified => Interlocked.Read(ref _verified);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        // The key set checked against: the configuration manager's current one (the same object until a refresh),
        // or keys given with the parameters (Auth's own, read afresh from its key directory per request: never a hit).
        object? keys = validationParameters.ConfigurationManager is { } manager
            ? await manager.GetBaseConfigurationAsync(CancellationToken.None)
            : validationParameters.IssuerSigningKeys ?? (object?)validationParameters.IssuerSigningKey;
        var now = clock.GetUtcNow().UtcDateTime;
        if (_valid.TryGetValue(token, out var known) && ReferenceEquals(known.Keys, keys) && now < known.ValidUntil)
        {
            return known.Result();
        }

        Interlocked.Increment(ref _verified);
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken.ValidTo > DateTime.MinValue)
        {
            if (_valid.Count >= MaxRemembered)
            {
                _valid.Clear();
            }

            _valid[token] = new Validated(keys, result.SecurityToken.ValidTo + validationParameters.ClockSkew, result);
        }

        return result;
    }

    private sealed record Validated(object? Keys, DateTime ValidUntil, TokenValidationResult Original)
    {
        public TokenValidationResult Result() => new()
        {
            IsValid = true,
            ClaimsIdentity = Original.ClaimsIdentity.Clone(),
            SecurityToken = Original.SecurityToken,
            Issuer = Original.Issuer,
            TokenType = Original.TokenType,
        };
    }
}
