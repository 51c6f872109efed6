using System.Net;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;
using Npgsql;

namespace AgentLightning.Hosting.Tests;

/// <summary>
/// Regression: an API key's check reads its row, so with PostgreSQL gone the API key handler threw and the caller got a
/// 500, while the same request with a token failed later, in the endpoint. Both are the store's outage: 503.
/// </summary>
public class When_postgres_is_out_of_reach
{
    private const string WellFormedKey = "alk_00000000000000000000000000000000_never-issued";

    private TcpProxy _postgres = null!;
    private TestService _service = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _postgres = TcpProxy.ForPostgres();
        var database = new NpgsqlConnectionStringBuilder(TestServers.Postgres).Database!;
        _service = await TestService.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = _postgres.PostgresConnectionString(database),
        });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _service.DisposeAsync();
        _postgres.Dispose();
    }

    [SetUp]
    public void Cut() => _postgres.Cut();

    [TearDown]
    public void Restore() => _postgres.Restore();

    [Test]
    public async Task Should_answer_503_problem_to_a_token_whose_endpoint_reads_the_database()
    {
        var response = await _service.GetAsync("/database", PlatformRoles.Viewer);

        await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [TestCase("Authorization", "ApiKey " + WellFormedKey)]
    [TestCase("X-Api-Key", WellFormedKey)]
    public async Task Should_answer_503_problem_to_an_api_key_it_cannot_check(string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/protected");
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await _service.Client.SendAsync(request);

        await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    [Test]
    public async Task Should_serve_again_once_it_is_back()
    {
        _postgres.Restore();

        var response = await _service.GetAsync("/database", PlatformRoles.Viewer);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
