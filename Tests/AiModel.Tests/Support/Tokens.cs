using System.Security.Cryptography;
using AgentLightning.Infrastructure.Hosting.Authentication;
using Microsoft.Extensions.Options;

namespace AgentLightning.AiModel.Tests.Support;

/// <summary>Tokens signed as the service under test expects; a fresh key per run, handed to each host.</summary>
public static class Tokens
{
    public static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    private static readonly TokenIssuer Issuer = new(Options.Create(new AuthOptions { SigningKey = SigningKey }), TimeProvider.System);

    public static string For(string role) => Issuer.Issue("ai-model-tests", role).AccessToken;
}
