using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Messaging.Tests.Commands;

public sealed class When_commands_about_one_aggregate_arrive_together
{
    private const int Tasks = 4;
    private const int CommandsPerTask = 6;

    [Test]
    public async Task Should_run_them_one_after_the_other_commit_in_order_while_other_aggregates_go_on()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await using var queues = new ScratchQueues();
        var log = new PartitionProbeLog(database.ConnectionString);
        await using var owner = await MessagingTestHost.StartAsync(database.ConnectionString, queues.Prefix,
            bus => bus.AddConsumer<PartitionProbe>(typeof(PartitionProbeDefinition)), "workflow-engine",
            configure: b => b.Services.AddSingleton(log).AddCommandPartitionKey<StartTask>(c => c.TaskId));

        // One outbox, so the queue holds them in this order: every task's commands interleaved with the others'.
        var tasks = Enumerable.Range(0, Tasks).Select(_ => Guid.NewGuid()).ToArray();
        await owner.InScopeAsync(async sp =>
        {
            var sender = sp.GetRequiredService<ICommandSender>();
            for (var sequence = 1; sequence <= CommandsPerTask; sequence++)
            {
                foreach (var task in tasks)
                {
                    await sender.Send(new StartTask { TaskId = task, ExpectedVersion = sequence });
                }
            }

            await sp.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
        });

        await Eventually.Until(() => log.Seen.Count == Tasks * CommandsPerTask, "every command was consumed");
        Assert.Multiple(() =>
        {
            foreach (var task in tasks)
            {
                // Each began after the one before it had committed: no lost race, no retry, in the order sent.
                var seen = log.Seen.Where(s => s.TaskId == task).ToList();
                Assert.That(seen.Select(s => s.Sequence), Is.EqualTo(Enumerable.Range(1, CommandsPerTask).Select(i => (long)i)), $"order of task {task}");
                Assert.That(seen.Select(s => s.CommittedBefore), Is.EqualTo(seen.Select(s => s.Sequence - 1)), $"commits before each command of task {task}");
            }

            Assert.That(log.MostAtOnce, Is.GreaterThan(1), "commands about different tasks ran side by side");
        });
    }
}
