using System.Reflection;
using System.Text.Json;
using MassTransit;
using MassTransit.Context;
using MassTransit.Serialization;

namespace AgentLightning.Contracts.Tests;

/// <summary>
/// Sends a message through MassTransit's own System.Text.Json serializer, envelope included, and reads it
/// back the way a consumer would: the same path a message takes through the broker, minus the broker.
/// </summary>
internal static class MassTransitEnvelope
{
    private static readonly MethodInfo RoundTripMethod =
        typeof(MassTransitEnvelope).GetMethod(nameof(RoundTripOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static JsonSerializerOptions Options => SystemTextJsonMessageSerializer.Options;

    public static Result RoundTrip(object message) =>
        (Result)RoundTripMethod.MakeGenericMethod(message.GetType())
            .Invoke(null, BindingFlags.DoNotWrapExceptions, null, [message], null)!;

    private static Result RoundTripOf<T>(T message)
        where T : class
    {
        var serializer = SystemTextJsonMessageSerializer.Instance;
        var sendContext = new MessageSendContext<T>(message, CancellationToken.None);
        var body = serializer.GetMessageBody(sendContext);

        var received = serializer.Deserialize(body, sendContext.Headers);
        received.TryGetMessage<T>(out var copy);

        return new Result(body.GetString(), received.SupportedMessageTypes, copy,
            MessageTypeCache<T>.IsValidMessageType ? null : MessageTypeCache<T>.InvalidMessageTypeReason);
    }

    public sealed record Result(string Body, IReadOnlyList<string> MessageTypes, object? Message, string? InvalidMessageTypeReason);
}
