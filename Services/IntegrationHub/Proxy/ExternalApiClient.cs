namespace AgentLightning.IntegrationHub.Proxy;

/// <summary>The typed client external API calls go through (guarded, resilient; see ProxyRegistration).</summary>
internal sealed class ExternalApiClient(HttpClient http)
{
    public async Task<ProxyAnswer> GetAsync(Uri target, string? authHeaderName, string? authHeaderValue, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        if (!string.IsNullOrEmpty(authHeaderName) && authHeaderValue is not null)
        {
            request.Headers.TryAddWithoutValidation(authHeaderName, authHeaderValue);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new ProxyAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body);
    }
}
