using AgentLightning.Benchmarks;
using AgentLightning.Benchmarks.Scenarios;
using AgentLightning.Benchmarks.Scenarios.Live;

if (args is [ClientProcess.Mode, var socket])
{
    // The websocket scenario's clients, in a process of their own.
    return await ClientProcess.RunAsync(new Uri(socket));
}

IScenario[] scenarios = [new CacheScenario(), new OutboxScenario(), new HttpScenario(), new TasksScenario(), new WebSocketScenario(), new InspectionScenario(), new ProvisioningScenario()];

var scenario = args.Length > 0 ? scenarios.FirstOrDefault(s => s.Name == args[0]) : null;
if (scenario is null)
{
    Usage.Print(scenarios);
    return 2;
}

BenchmarkArgs options;
try
{
    options = BenchmarkArgs.Parse(args[1..], scenario);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Usage.Print(scenarios);
    return 2;
}

await MachineInfo.PrintAsync();
await scenario.RunAsync(options);
return 0;
