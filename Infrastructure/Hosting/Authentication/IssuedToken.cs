namespace AgentLightning.Infrastructure.Hosting.Authentication;

/// <summary>A signed bearer token and the moment it stops being accepted.</summary>
public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt);
