using AgentLightning.Infrastructure.Hosting.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AgentLightning.Auth.Tests.Support;

internal static class PolicyEndpoints
{
    public static WebApplication MapPolicyEndpoints(this WebApplication app)
    {
        app.MapGet("/viewer", (HttpContext c) => c.User.Identity?.Name).RequireAuthorization(Policies.Viewer);
        app.MapPost("/operator", () => "ok").RequireAuthorization(Policies.Operator);
        app.MapGet("/admin", () => "ok").RequireAuthorization(Policies.Admin);
        return app;
    }
}
