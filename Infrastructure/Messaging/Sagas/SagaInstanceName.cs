using AgentLightning.Infrastructure.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>
/// Which running instance made a move: the service's name, its host and its process. A bare container (a test
/// harness) has no configuration or host environment: the process's name stands in.
/// </summary>
internal sealed class SagaInstanceName(IServiceProvider services)
{
    public string Value { get; } = Truncate($"{ServiceName(services)}@{Environment.MachineName}:{Environment.ProcessId}");

    private static string ServiceName(IServiceProvider services)
    {
        var application = services.GetService<IHostEnvironment>()?.ApplicationName ?? AppDomain.CurrentDomain.FriendlyName;
        return services.GetService<IConfiguration>() is { } configuration ? ServiceOptions.Resolve(configuration, application) : application;
    }

    private static string Truncate(string name) => name.Length <= SagaTransition.MaxNameLength ? name : name[..SagaTransition.MaxNameLength];
}
