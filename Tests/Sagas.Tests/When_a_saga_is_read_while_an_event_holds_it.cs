using AgentLightning.Sagas.Tests.Orders;
using AgentLightning.Testing;
using MassTransit;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Sagas.Tests;

/// <summary>Inspection reads (ILoadSagaRepository, IQuerySagaRepository) never wait for a row lock an event holds.</summary>
public sealed class When_a_saga_is_read_while_an_event_holds_it : SagaFixture
{
    [Test]
    public async Task Should_answer_without_waiting_for_the_lock()
    {
        var host = await StartHostAsync();
        var id = Guid.NewGuid();
        await SendAsync(host, new SubmitOrder(id, TimeSpan.FromHours(1)));
        await Eventually.Until(async () => await OrderAsync(id) == "Submitted:1", "the saga is submitted");

        await using var held = await RowLock.TakeAsync(Database, id);

        var loaded = host.Services.GetRequiredService<ILoadSagaRepository<TestOrderState>>().Load(id);
        var found = host.Services.GetRequiredService<IQuerySagaRepository<TestOrderState>>()
            .Find(new SagaQuery<TestOrderState>(s => s.CurrentState == "Submitted" && s.CorrelationId == id));
        var both = Task.WhenAll(loaded, found);
        Assert.That(await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(10))), Is.SameAs(both), "answered while the lock is held");

        Assert.That((await loaded).Counter, Is.EqualTo(1));
        Assert.That(await found, Is.EqualTo(new[] { id }));
        await StopHostAsync(host);
    }
}
