using System.Net;
using AgentLightning.Auth.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.Auth.Tests.Http;

public sealed class When_input_is_bad
{
    private static HttpClient Client => SharedPlatform.Client;

    private static string Admin => SharedPlatform.AdminToken;

    [TestCase("/auth/login", "{\"username\": \"admin\", ")]
    [TestCase("/auth/login", "{\"username\": 5, \"password\": \"x\"}")]
    [TestCase("/auth/login", "{\"username\": \"admin\"}")]
    [TestCase("/auth/login", "[]")]
    [TestCase("/auth/refresh", "{}")]
    [TestCase("/auth/logout", "{\"refreshToken\": \"\"}")]
    [TestCase("/users", "{\"username\": \"ok-name\", \"email\": \"a@b.c\", \"password\": \"short\", \"role\": \"viewer\"}")]
    [TestCase("/users", "{\"username\": \"no spaces\", \"email\": \"a@b.c\", \"password\": \"a-long-enough-password\", \"role\": \"viewer\"}")]
    [TestCase("/users", "{\"username\": \"ok-name\", \"email\": \"not-an-email\", \"password\": \"a-long-enough-password\", \"role\": \"viewer\"}")]
    [TestCase("/users", "{\"username\": \"ok-name\", \"email\": \"a@b.c\", \"password\": \"a-long-enough-password\", \"role\": \"root\"}")]
    [TestCase("/auth/api-keys", "{\"name\": \"ci\", \"role\": \"viewer\"}")]
    [TestCase("/auth/api-keys", "{\"name\": \"ci\", \"role\": \"viewer\", \"expiresAt\": \"2001-01-01T00:00:00Z\"}")]
    [TestCase("/auth/api-keys", "{\"name\": \"\", \"role\": \"viewer\", \"expiresAt\": \"2999-01-01T00:00:00Z\"}")]
    [TestCase("/auth/api-keys", "{\"name\": \"ci\", \"role\": \"viewer\", \"expiresAt\": \"tomorrow\"}")]
    public async Task Should_answer_400_problem(string path, string json)
    {
        await (await Client.SendTextAsync(HttpMethod.Post, path, Admin, json)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [TestCase("/users?limit=0")]
    [TestCase("/users?after=not-a-cursor")]
    [TestCase("/users?after=WyJhIiwiYiJd", TestName = "Should_answer_400_for_a_users_cursor_of_another_list")] // ["a","b"]: read as no cursor, it gave the first page again
    [TestCase("/auth/api-keys?after=WyJhIiwiYiJd", TestName = "Should_answer_400_for_an_api_keys_cursor_of_another_list")]
    [TestCase("/auth/api-keys?after=WyJhIl0", TestName = "Should_answer_400_for_an_api_keys_cursor_that_is_not_an_id")] // ["a"]
    [TestCase("/auth/api-keys?limit=1001")]
    public async Task Should_answer_400_problem_for_bad_paging(string path)
    {
        await (await Client.SendAsync(HttpMethod.Get, path, Admin)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Should_answer_404_problem_for_unknown_ids()
    {
        var id = Guid.NewGuid();

        await (await Client.SendAsync(HttpMethod.Get, $"/users/{id}", Admin)).ProblemAsync(HttpStatusCode.NotFound);
        await (await Client.SendAsync(HttpMethod.Put, $"/users/{id}/role", Admin, new { role = "viewer" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await Client.SendAsync(HttpMethod.Post, $"/users/{id}/deactivate", Admin)).ProblemAsync(HttpStatusCode.NotFound);
        await (await Client.SendAsync(HttpMethod.Delete, $"/auth/api-keys/{id}", Admin)).ProblemAsync(HttpStatusCode.NotFound);
    }
}
