using AgentLightning.AiModel.Tests.Support;
using AgentLightning.Contracts.Models;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Testing;
using MassTransit;

namespace AgentLightning.AiModel.Tests.Execution;

/// <summary>A saga reserves slots of a model (ReserveModelCapacity) and gives them back (ReleaseModelCapacity).</summary>
public sealed class When_capacity_is_reserved() : ProbedPlatform(instances: 1, TimeSpan.FromMilliseconds(20))
{
    protected override Task CreateModelsAsync() => Platform.CreateModelAsync("pair", maxConcurrentTasks: 2, providerModel: "pair");

    private async Task<object> ReserveAsync(Guid id, string model = "pair")
    {
        var before = AnswersOf(id).Count;
        await Platform.SendAsync(new ReserveModelCapacity { ReservationId = id, Model = model });
        await Eventually.Until(() => AnswersOf(id).Count > before, $"reservation {id} is answered");
        return AnswersOf(id)[^1];
    }

    private async Task ReleaseAsync(Guid id)
    {
        await Platform.SendAsync(new ReleaseModelCapacity { ReservationId = id });
        await Eventually.Until(() => Platform.Received.All<ModelCapacityReleased>().Any(r => r.ReservationId == id), $"reservation {id} is released");
    }

    private List<object> AnswersOf(Guid id) =>
    [
        .. Platform.Received.All<ModelCapacityReserved>().Where(r => r.ReservationId == id).Cast<object>()
            .Concat(Platform.Received.All<ModelCapacityReservationRefused>().Where(r => r.ReservationId == id)),
    ];

    [Test]
    public async Task Should_hold_slots_until_released_answer_repeats_alike_and_make_tasks_wait_meanwhile()
    {
        var (first, second, third) = (NewId.NextGuid(), NewId.NextGuid(), NewId.NextGuid());

        Assert.That(await ReserveAsync(first), Is.TypeOf<ModelCapacityReserved>());
        Assert.That(await ReserveAsync(first), Is.TypeOf<ModelCapacityReserved>(), "a repeat gets the same answer");
        Assert.That(await ReserveAsync(second), Is.TypeOf<ModelCapacityReserved>(), "the repeat did not take a second slot");
        var refused = await ReserveAsync(third);
        Assert.That(refused, Is.TypeOf<ModelCapacityReservationRefused>());
        Assert.That(((ModelCapacityReservationRefused)refused).Reason, Is.EqualTo("all 2 slots of model 'pair' are in use"));
        Assert.That(await ReserveAsync(third), Is.TypeOf<ModelCapacityReservationRefused>(), "a refusal is kept too");

        // Both slots are reserved: a task waits (it does not fail) until one is released.
        var task = AiModelPlatform.Task("pair", "after the release");
        await Platform.SendAsync(task);
        await Eventually.Until(async () => await Platform.QueuedAsync(task.TaskId) == 1, "the task is queued");
        Assert.That(Platform.Received.Of(task.TaskId), Is.Empty, "it waits while every slot is reserved");

        await ReleaseAsync(first);
        Assert.That(await Platform.UntilOutcomeAsync(task.TaskId), Is.TypeOf<CompleteTask>());
        await ReleaseAsync(second);
        await ReleaseAsync(second);
        Assert.That(await Platform.Database.ScalarAsync<long>("SELECT count(*) FROM model_capacity_reservations WHERE status = 'held'"), Is.Zero);
    }

    [Test]
    public async Task Should_refuse_a_reservation_of_a_model_that_does_not_exist()
    {
        var answer = await ReserveAsync(NewId.NextGuid(), model: "ghost");

        Assert.That(answer, Is.TypeOf<ModelCapacityReservationRefused>());
        Assert.That(((ModelCapacityReservationRefused)answer).Reason, Does.Contain("model 'ghost' does not exist"));
    }

    [Test]
    public async Task Should_refuse_a_reservation_whose_release_arrived_first()
    {
        var id = NewId.NextGuid();
        await ReleaseAsync(id);

        var answer = await ReserveAsync(id);

        Assert.That(answer, Is.TypeOf<ModelCapacityReservationRefused>(), "it would hold a slot nobody gives back");
    }
}
