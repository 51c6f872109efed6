using AgentLightning.Infrastructure.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>Which running instance made a move: the service's name, its host and its process.</summary>
internal sealed class SagaInstanceName(IConfiguration configuration, IHostEnvironment environment)
{
    public string Value { get; } = Truncate($"{ServiceOptions.Resolve(configuration, environment.ApplicationName)}@{Environment.MachineName}:{Environment.ProcessId}");

    private static string Truncate(string name) => name.Length <= SagaTransition.MaxNameLength ? name : name[..SagaTransition.MaxNameLength];
}
