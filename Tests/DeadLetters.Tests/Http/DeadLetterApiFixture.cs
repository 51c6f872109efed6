using AgentLightning.Infrastructure.Messaging.DeadLetters;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.DeadLetters.Tests.Http;

/// <summary>The fixture's service produces the dead letters; another service of the platform serves them over HTTP.</summary>
public abstract class DeadLetterApiFixture : DeadLetterFixture
{
    protected DeadLetterApi Api { get; private set; } = null!;

    protected IDeadLetterStore Store => Service.Services.GetRequiredService<IDeadLetterStore>();

    [OneTimeSetUp]
    public async Task StartApi() => Api = await DeadLetterApi.StartAsync(Database.ConnectionString, Prefix);

    [OneTimeTearDown]
    public async Task StopApi()
    {
        if (Api is not null)
        {
            await Api.DisposeAsync();
        }
    }

    /// <summary>A pending letter of the switched queue, stored directly; its id.</summary>
    protected async Task<Guid> PendingAsync(Guid messageId, string text)
    {
        await Store.AddAsync([Undeliverable(messageId, text)]);
        return (await DeadLetterAsync(SwitchedQueue, messageId)).Id;
    }
}
