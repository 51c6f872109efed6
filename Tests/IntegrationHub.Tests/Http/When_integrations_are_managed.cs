using System.Net;
using System.Text.Json;
using AgentLightning.Contracts.Integrations;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.IntegrationHub.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.IntegrationHub.Tests.Http;

public sealed class When_integrations_are_managed
{
    private static HttpClient Operator => SharedHub.App.As(PlatformRoles.Operator);

    private static HttpClient Viewer => SharedHub.App.As(PlatformRoles.Viewer);

    [Test]
    public async Task Should_create_read_update_and_delete_a_webhook_showing_its_secret_only_once()
    {
        var id = Guid.NewGuid();
        using var response = await Operator.PostJsonAsync("/integrations", new { id, name = "crm", kind = "webhook", url = "http://127.0.0.1:9/in", channels = new[] { "agent:*", "Task:Completed" } });
        var created = await response.JsonAsync(HttpStatusCode.Created);
        var secret = created.GetProperty("secret").GetString()!;
        var read = await (await Viewer.GetAsync($"/integrations/{id}")).JsonAsync(HttpStatusCode.OK);
        var updated = await (await Operator.PutJsonAsync($"/integrations/{id}", new { name = "crm", url = "http://127.0.0.1:9/v2", channels = new[] { "task:*" }, active = false }, "\"1\""))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/integrations/{id}"));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(secret, Does.StartWith("whsec_"));
            Assert.That(Convert.FromBase64String(secret["whsec_".Length..]), Has.Length.GreaterThanOrEqualTo(24));
            Assert.That(created.GetProperty("channels").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "agent:*", "task:completed" }));
            Assert.That(read.TryGetProperty("secret", out _), Is.False, "a read never shows the secret");
            Assert.That(updated.GetProperty("version").GetInt64(), Is.EqualTo(2));
            Assert.That(updated.GetProperty("active").GetBoolean(), Is.False);
            Assert.That(updated.TryGetProperty("secret", out _), Is.False);
        });

        await (await Operator.DeleteAsync($"/integrations/{id}")).JsonAsync(HttpStatusCode.NoContent);
        await (await Viewer.GetAsync($"/integrations/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        await Eventually.Until(() => SharedHub.Platform.Announced.Of(id).Count == 3, "the three integration events arrive");
        var announced = SharedHub.Platform.Announced.Of(id);
        Assert.Multiple(async () =>
        {
            Assert.That(announced.Select(m => m.GetType().Name), Is.EquivalentTo(new[] { nameof(IntegrationRegistered), nameof(IntegrationUpdated), nameof(IntegrationRemoved) }));
            Assert.That(announced.Select(m => JsonSerializer.Serialize(m)), Has.None.Contains(secret), "no event carries the secret");
            Assert.That(await SharedHub.Platform.Database.ScalarAsync<long>($"SELECT count(*) FROM event_log WHERE aggregate_id = '{id}'"), Is.EqualTo(3));
            Assert.That(await SharedHub.Platform.Database.ScalarAsync<long>($"SELECT count(*) FROM event_log WHERE data::text LIKE '%{secret[6..]}%'"), Is.Zero,
                "the event log never holds the secret");
        });
    }

    [Test]
    public async Task Should_rotate_a_webhook_secret_and_show_the_new_one_once()
    {
        var created = await (await Operator.PostJsonAsync("/integrations", Api.Webhook("http://127.0.0.1:9/rotate", "agent:*"))).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();

        var rotated = await (await Operator.PostAsync($"/integrations/{id}/secret", null)).JsonAsync(HttpStatusCode.OK);
        var own = await (await Operator.PostJsonAsync($"/integrations/{id}/secret", new { secret = "whsec_" + Convert.ToBase64String(new byte[32]) })).JsonAsync(HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(rotated.GetProperty("secret").GetString(), Does.StartWith("whsec_").And.Not.EqualTo(created.GetProperty("secret").GetString()));
            Assert.That(rotated.GetProperty("version").GetInt64(), Is.EqualTo(2));
            Assert.That(own.GetProperty("secret").GetString(), Is.EqualTo("whsec_" + Convert.ToBase64String(new byte[32])));
        });
    }

    [Test]
    public async Task Should_keep_an_http_integrations_auth_header_value_out_of_every_answer()
    {
        const string value = "Bearer very-secret-token";
        var created = await (await Operator.PostJsonAsync("/integrations",
            new { name = "weather", kind = "http", url = "http://127.0.0.1:9/v1/", authHeaderName = "Authorization", authHeaderValue = value, cacheTtlSeconds = 60 }))
            .JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();
        var updated = await (await Operator.PutJsonAsync($"/integrations/{id}", new { name = "weather 2", url = "http://127.0.0.1:9/v2/", authHeaderName = "Authorization", cacheTtlSeconds = 30 }))
            .JsonAsync(HttpStatusCode.OK);
        var stored = await SharedHub.Platform.Database.ScalarAsync<string>($"SELECT auth_header_value FROM integrations WHERE id = '{id}'");

        Assert.Multiple(() =>
        {
            Assert.That(created.ToString(), Does.Not.Contain("very-secret-token"));
            Assert.That(created.TryGetProperty("secret", out _), Is.False);
            Assert.That(updated.ToString(), Does.Not.Contain("very-secret-token"));
            Assert.That(updated.GetProperty("cacheTtlSeconds").GetInt32(), Is.EqualTo(30));
            Assert.That(stored, Is.EqualTo(value), "an update without a value keeps the stored one");
        });
    }

    [Test]
    public async Task Should_page_the_list_filtered_by_kind_and_active()
    {
        var ids = new List<string>();
        foreach (var active in new[] { true, false, true })
        {
            var body = new { name = "paged", kind = "webhook", url = "http://127.0.0.1:9/paged", channels = new[] { "*" }, active };
            ids.Add((await (await Operator.PostJsonAsync("/integrations", body)).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!);
        }

        var seen = new List<string>();
        for (string? next = null; ;)
        {
            var page = await (await Viewer.GetAsync("/integrations?kind=webhook&active=true&limit=1" + (next is null ? "" : $"&after={next}"))).JsonAsync(HttpStatusCode.OK);
            Assert.That(page.GetProperty("count").GetInt32(), Is.LessThanOrEqualTo(1));
            seen.AddRange(page.GetProperty("integrations").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            if ((next = page.GetProperty("next").GetString()) is null)
            {
                break;
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(seen, Does.Contain(ids[0]).And.Contain(ids[2]).And.Not.Contain(ids[1]));
            Assert.That(seen, Is.Ordered.Using<string>(StringComparer.Ordinal));
        });
    }
}
