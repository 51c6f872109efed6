using AgentLightning.Infrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace AgentLightning.Hosting.Tests;

public class When_the_service_is_named
{
    [TestCase("AgentLightning.AgentDesigner", "agent-designer")]
    [TestCase("AgentLightning.AIModel", "ai-model")]
    [TestCase("AgentLightning.TransactionCoordinator", "transaction-coordinator")]
    [TestCase("AgentLightning.Hosting.Tests", "hosting-tests")]
    [TestCase("Console", "console")]
    public void Should_default_to_the_assembly_name_in_kebab_case(string assembly, string expected) =>
        Assert.That(ServiceOptions.DefaultName(assembly), Is.EqualTo(expected));

    [Test]
    public async Task Should_use_the_entry_assembly_when_not_configured()
    {
        await using var service = await TestService.StartAsync();

        Assert.That(NameOf(service), Is.EqualTo("hosting-tests"));
        Assert.That(ResourceServiceName(service), Is.EqualTo("hosting-tests"));
    }

    [Test]
    public async Task Should_use_the_configured_name_for_options_and_telemetry()
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?> { ["Service:Name"] = "agent-designer" });

        Assert.That(NameOf(service), Is.EqualTo("agent-designer"));
        Assert.That(ResourceServiceName(service), Is.EqualTo("agent-designer"));
    }

    private static string NameOf(TestService service) =>
        service.App.Services.GetRequiredService<IOptions<ServiceOptions>>().Value.Name;

    private static object? ResourceServiceName(TestService service) =>
        service.App.Services.GetRequiredService<MeterProvider>().GetResource().Attributes
            .Single(attribute => attribute.Key == "service.name").Value;
}
