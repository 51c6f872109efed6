using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentLightning.Infrastructure.Hosting;

internal static class ServiceIdentityRegistration
{
    /// <summary>Binds <see cref="ServiceOptions"/> and returns the name, which telemetry needs before the container exists.</summary>
    public static string AddServiceIdentity(this IHostApplicationBuilder builder)
    {
        var name = ServiceOptions.Resolve(builder.Configuration, builder.Environment.ApplicationName);
        builder.Services.AddOptions<ServiceOptions>()
            .BindConfiguration(ServiceOptions.SectionName)
            .PostConfigure(options => options.Name = string.IsNullOrWhiteSpace(options.Name) ? name : options.Name)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return name;
    }
}
