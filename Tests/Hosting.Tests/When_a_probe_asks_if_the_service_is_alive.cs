using System.Net;
using System.Text.Json;

namespace AgentLightning.Hosting.Tests;

public class When_a_probe_asks_if_the_service_is_alive
{
    [Test]
    public async Task Should_answer_200_without_a_token_and_run_no_check()
    {
        await using var service = await TestService.StartAsync();

        var response = await service.GetAsync("/health/live");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
            Assert.That(body.GetProperty("checks").GetArrayLength(), Is.Zero);
        });
    }
}
