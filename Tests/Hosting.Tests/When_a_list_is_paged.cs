using System.Net;
using System.Text.Json;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Hosting.Tests;

/// <summary>
/// The shared paging pieces behind an endpoint as a service maps one: <see cref="PageRequest"/> bound with
/// [AsParameters], a keyset read past the cursor, <see cref="PageQueries.ToPage{T}"/>. The list is a sorted set
/// the test changes between pages, as other clients would.
/// </summary>
public sealed class When_a_list_is_paged
{
    private readonly SortedSet<int> _rows = [];
    private TestService _service = null!;

    [OneTimeSetUp]
    public async Task Start() => _service = await TestService.StartAsync(configure: builder =>
    {
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
    }, map: app => app.MapGet("/rows", ([AsParameters] PageRequest page) => ReadPage(page)));

    [OneTimeTearDown]
    public async Task Stop() => await _service.DisposeAsync();

    [TestCase("limit=0")]
    [TestCase("limit=1001")]
    [TestCase("limit=abc")]
    [TestCase("after=garbage")]
    [TestCase("after=bnVsbA")]
    [TestCase("after=W10")]
    public async Task Should_refuse_a_bad_limit_or_cursor_with_400(string query)
    {
        var problem = await (await _service.GetAsync($"/rows?{query}", PlatformRoles.Viewer)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(query.Split('=')[0]).IgnoreCase);
    }

    [TestCase("", 100)]
    [TestCase("limit=1", 1)]
    [TestCase("limit=1000", 1000)]
    public async Task Should_serve_limits_from_1_to_1000_with_100_by_default(string query, int expected)
    {
        Fill(1, 1500);

        var page = await GetAsync($"/rows?{query}");

        Assert.That(page.GetProperty("items").GetArrayLength(), Is.EqualTo(expected));
    }

    [Test]
    public async Task Should_return_each_row_once_in_order_while_rows_are_inserted_and_deleted_between_pages()
    {
        Fill(10, 40);
        var seen = new List<int>();
        var expected = new SortedSet<int>(_rows);
        string? next = null;
        for (var turn = 0; ; turn++)
        {
            var page = await GetAsync("/rows?limit=7" + (next is null ? "" : $"&after={next}"));
            var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetInt32()).ToList();
            seen.AddRange(items);
            next = page.GetProperty("next").GetString();
            if (next is null)
            {
                break;
            }

            var last = items[^1];

            // Behind the cursor: never shown. Ahead of it: an insert is shown once, a delete never.
            lock (_rows)
            {
                _rows.Add(last - 100 - turn);
                _rows.Add(last * 10 + 1);
                expected.Add(last * 10 + 1);
                _rows.Remove(items[0]);
                var ahead = _rows.GetViewBetween(last + 1, int.MaxValue).Min;
                if (ahead != 0 && _rows.Remove(ahead))
                {
                    expected.Remove(ahead);
                }
            }
        }

        Assert.That(seen, Is.EqualTo(expected));
    }

    private object ReadPage(PageRequest page)
    {
        var size = page.Size;
        var after = page.AfterKeys is { } keys ? int.Parse(keys[0], System.Globalization.CultureInfo.InvariantCulture) : int.MinValue;
        lock (_rows)
        {
            var rows = _rows.Where(r => r > after).Take(size + 1).ToList();
            var found = PageQueries.ToPage(rows, size, r => [r.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            return new { items = found.Items, count = found.Items.Count, next = found.Next };
        }
    }

    private void Fill(int from, int to)
    {
        lock (_rows)
        {
            _rows.Clear();
            _rows.UnionWith(Enumerable.Range(from, to - from + 1));
        }
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await _service.GetAsync(path, PlatformRoles.Viewer);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
