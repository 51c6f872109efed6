using System.Security.Cryptography;
using AgentLightning.Infrastructure.Hosting.Authentication;
using Microsoft.Extensions.Options;

namespace AgentLightning.WorkflowEngine.Tests.Support;

/// <summary>Every token this project mints: signed as the service under test expects, with a fresh key per run.</summary>
public static class Tokens
{
    public static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    private static readonly TokenIssuer Issuer = new(Options.Create(new AuthOptions { SigningKey = SigningKey }), TimeProvider.System);

    /// <summary>What the service is configured with to accept these tokens.</summary>
    public static IReadOnlyDictionary<string, string> ServiceSettings => new Dictionary<string, string> { ["Auth:SigningKey"] = SigningKey };

    public static string For(string role) => Issuer.Issue("workflow-engine-tests", role).AccessToken;
}
