using MassTransit;

namespace AgentLightning.Infrastructure.Messaging.Events;

/// <summary>Subscribes one generic consumer to every event contract, so a feed never misses a new event.</summary>
public static class EventFeed
{
    /// <param name="configurator">The bus registration.</param>
    /// <param name="openGenericConsumer">A consumer <c>class X&lt;T&gt; : IConsumer&lt;T&gt; where T : class</c>.</param>
    /// <param name="openGenericDefinition">Its definition <c>class XDefinition&lt;T&gt;</c>, optional.</param>
    public static void AddEventConsumers(this IRegistrationConfigurator configurator, Type openGenericConsumer, Type? openGenericDefinition = null)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        ArgumentNullException.ThrowIfNull(openGenericConsumer);
        if (!openGenericConsumer.IsGenericTypeDefinition)
        {
            throw new ArgumentException($"{openGenericConsumer.Name} must be an open generic consumer type.", nameof(openGenericConsumer));
        }

        foreach (var descriptor in EventCatalog.All)
        {
            var consumer = openGenericConsumer.MakeGenericType(descriptor.MessageType);
            var definition = openGenericDefinition?.MakeGenericType(descriptor.MessageType);
            configurator.AddConsumer(consumer, definition);
        }
    }
}
