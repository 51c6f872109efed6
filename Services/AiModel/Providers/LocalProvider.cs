using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AgentLightning.Contracts.Models;
using Microsoft.Extensions.Options;

namespace AgentLightning.AiModel.Providers;

/// <summary>
/// The default provider: no network, and the same result for the same task text every time, so tests and local
/// runs need no key. It can be made slow and made to fail (<see cref="LocalProviderOptions"/>).
/// </summary>
internal sealed class LocalProvider(IOptionsMonitor<LocalProviderOptions> options, TimeProvider clock) : ICompletionProvider
{
    public string Name => ModelProviders.Local;

    public async Task<JsonElement> ExecuteAsync(ProviderRequest request, Func<int, string, Task> progress, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var half = settings.Delay / 2;
        await Task.Delay(half, clock, cancellationToken);
        await progress(50, "halfway");
        await Task.Delay(settings.Delay - half, clock, cancellationToken);
        if (settings.FailingModels.Contains(request.ProviderModel, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"the local model '{request.ProviderModel}' is configured to fail");
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.ProviderModel + "\n" + request.Description)))[..16];
        var text = string.Create(CultureInfo.InvariantCulture, $"[{request.ProviderModel}] done: {request.Description}");
        return JsonSerializer.SerializeToElement(new { provider = Name, model = request.ProviderModel, text, digest });
    }
}
