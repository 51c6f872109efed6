using System.Net;
using System.Text.Json;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using StackExchange.Redis;

namespace AgentLightning.Hosting.Tests;

public class When_a_probe_asks_if_the_service_is_ready
{
    private const string ClosedRedisPort = "127.0.0.1:1";

    [Test]
    public async Task Should_be_healthy_when_postgres_and_redis_answer()
    {
        await using var service = await TestService.StartAsync(configure: builder =>
            UseStores(builder.Services, TestServers.Redis));

        var (status, checks) = await ReadyAsync(service);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(checks["postgres"].GetProperty("status").GetString(), Is.EqualTo("Healthy"));
            Assert.That(checks["redis"].GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        });
    }

    [Test]
    public async Task Should_be_unhealthy_with_503_and_say_which_check_failed_when_redis_is_unreachable()
    {
        await using var service = await TestService.StartAsync(
            new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = ClosedRedisPort },
            builder => UseStores(builder.Services, ClosedRedisPort));

        var (status, checks) = await ReadyAsync(service);

        var redis = checks["redis"];
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(checks["postgres"].GetProperty("status").GetString(), Is.EqualTo("Healthy"));
            Assert.That(redis.GetProperty("status").GetString(), Is.EqualTo("Unhealthy"));
            Assert.That(redis.GetProperty("description").GetString(), Does.Contain("PING"));
            Assert.That(redis.GetProperty("error").GetString(), Is.Not.Null.And.Not.Empty);
            Assert.That(redis.GetProperty("durationMs").GetDouble(), Is.LessThan(5_000));
        });
    }

    [Test]
    public async Task Should_say_so_when_a_store_is_not_registered()
    {
        // Not started: hosted services of persistence would need the data source this test takes away.
        await using var app = TestService.Build(configure: builder =>
        {
            builder.Services.RemoveAll<NpgsqlDataSource>();
            builder.Services.RemoveAll<IConnectionMultiplexer>();
        });

        var report = await app.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(check => check.Tags.Contains("ready"));

        Assert.Multiple(() =>
        {
            Assert.That(report.Status, Is.EqualTo(HealthStatus.Unhealthy));
            Assert.That(report.Entries["postgres"].Description, Does.Contain("NpgsqlDataSource is not registered"));
            Assert.That(report.Entries["redis"].Description, Does.Contain("IConnectionMultiplexer is not registered"));
        });
    }

    [Test]
    public async Task Should_include_every_check_tagged_ready_as_the_message_bus_check_will_be()
    {
        await using var service = await TestService.StartAsync(configure: builder =>
        {
            UseStores(builder.Services, TestServers.Redis);
            builder.Services.AddHealthChecks()
                .AddCheck("masstransit-bus", () => HealthCheckResult.Degraded("bus starting"), tags: ["ready", "masstransit"])
                .AddCheck("untagged", () => HealthCheckResult.Unhealthy("must not count"));
        });

        var (status, checks) = await ReadyAsync(service);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), "Degraded still serves traffic");
            Assert.That(checks["masstransit-bus"].GetProperty("status").GetString(), Is.EqualTo("Degraded"));
            Assert.That(checks, Does.Not.ContainKey("untagged"));
        });
    }

    /// <summary>Registers the stores the way persistence and caching will; the last registration wins when they do.</summary>
    private static void UseStores(IServiceCollection services, string redis)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(TestServers.Postgres));
        services.AddSingleton<IConnectionMultiplexer>(_ =>
            ConnectionMultiplexer.Connect($"{redis},abortConnect=false,connectTimeout=1000"));
    }

    private static async Task<(HttpStatusCode Status, Dictionary<string, JsonElement> Checks)> ReadyAsync(TestService service)
    {
        var response = await service.GetAsync("/health/ready");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var checks = body.GetProperty("checks").EnumerateArray()
            .ToDictionary(check => check.GetProperty("name").GetString()!, check => check);
        return (response.StatusCode, checks);
    }
}
