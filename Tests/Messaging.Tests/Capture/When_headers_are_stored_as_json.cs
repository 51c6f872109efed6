using AgentLightning.Infrastructure.Messaging.Capture;
using MassTransit;
using MassTransit.Serialization;
using RabbitMQ.Client;

namespace AgentLightning.Messaging.Tests.Capture;

/// <summary>
/// One JSON form for the headers and transport properties of outbox rows, scheduler rows and dead letters. Rows and
/// letters written by the three codecs it replaced must still read back as values the transport can send.
/// </summary>
public sealed class When_headers_are_stored_as_json
{
    private static readonly DateTime At = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private static readonly Guid Id = Guid.Parse("0b5e1c7e-0000-4000-8000-000000000001");

    [Test]
    public void Should_read_back_every_header_type_it_writes()
    {
        var headers = new Dictionary<string, object?>
        {
            ["text"] = "plain",
            ["int"] = 3,
            ["long"] = 1L << 40,
            ["double"] = 1.5,
            ["true"] = true,
            ["false"] = false,
            ["date"] = At,
            ["offset"] = new DateTimeOffset(At).ToOffset(TimeSpan.FromHours(2)),
            ["id"] = Id,
            ["uri"] = new Uri("rabbitmq://localhost/q"),
            ["null"] = null,
            ["nested"] = new Dictionary<string, object?> { ["count"] = 2, ["deeper"] = new Dictionary<string, object?> { ["name"] = "x" } },
            ["list"] = new List<object?> { 1, "a", null },
            ["utf8-bytes"] = "from-amqp"u8.ToArray(),
            ["binary"] = new byte[] { 0xff, 0x00, 0xfe },
            ["nul"] = "a\0b",
            ["timestamp"] = new AmqpTimestamp(1_700_000_000),
        };

        var read = HeaderJson.Read(HeaderJson.Write(headers));

        Assert.Multiple(() =>
        {
            Assert.That(read["text"], Is.EqualTo("plain"));
            Assert.That(read["int"], Is.EqualTo(3L).And.TypeOf<long>(), "a number stays a number, as MT-Redelivery-Count must");
            Assert.That(read["long"], Is.EqualTo(1L << 40));
            Assert.That(read["double"], Is.EqualTo(1.5));
            Assert.That(read["true"], Is.True);
            Assert.That(read["false"], Is.False);
            Assert.That(read["date"], Is.EqualTo("2026-01-02T03:04:05.0000000Z"));
            Assert.That(read["offset"], Is.EqualTo("2026-01-02T03:04:05.0000000Z"), "in UTC");
            Assert.That(read["id"], Is.EqualTo(Id.ToString()));
            Assert.That(read["uri"], Is.EqualTo("rabbitmq://localhost/q"));
            Assert.That(read["null"], Is.Null);
            Assert.That(read["nested"], Is.EqualTo(new Dictionary<string, object?> { ["count"] = 2L, ["deeper"] = new Dictionary<string, object?> { ["name"] = "x" } }));
            Assert.That(read["list"], Is.EqualTo(new List<object?> { 1L, "a", null }));
            Assert.That(read["utf8-bytes"], Is.EqualTo("from-amqp"), "AMQP text arrives as bytes");
            Assert.That(read["binary"], Is.EqualTo(new byte[] { 0xff, 0x00, 0xfe }));
            Assert.That(read["nul"], Is.EqualTo("a\0b"u8.ToArray()), "jsonb refuses a NUL in a string: kept as bytes");
            Assert.That(read["timestamp"], Is.EqualTo(new AmqpTimestamp(1_700_000_000)));
        });
    }

    [Test]
    public void Should_read_outbox_rows_written_with_MassTransits_dictionary_serializer()
    {
        var json = SystemTextJsonMessageSerializer.Instance.SerializeDictionary(new Dictionary<string, object>
        {
            ["MT-AL-Command"] = true,
            ["MT-Redelivery-Count"] = 2,
            ["ratio"] = 0.25,
            ["text"] = "plain",
            ["date"] = At,
            ["id"] = Id,
            ["nested"] = new Dictionary<string, object> { ["count"] = 2, ["name"] = "x" },
        });

        AssertReadsOldForm(json, new Dictionary<string, object?>
        {
            ["MT-AL-Command"] = true,
            ["MT-Redelivery-Count"] = 2L,
            ["ratio"] = 0.25,
            ["text"] = "plain",
            ["date"] = "2026-01-02T03:04:05Z",
            ["id"] = Id.ToString(),
            ["nested"] = new Dictionary<string, object?> { ["count"] = 2L, ["name"] = "x" },
        });
    }

    [Test]
    public void Should_read_scheduler_rows_written_by_its_old_codec()
    {
        // What Scheduling/HeaderJson wrote: nulls left out, dates as ISO text in UTC, ids and addresses as text.
        const string json = """
            {"MT-AL-Command":true,"MT-Redelivery-Count":2,"ratio":0.25,"text":"plain","date":"2026-01-02T03:04:05.0000000Z",
             "id":"0b5e1c7e-0000-4000-8000-000000000001","span":"00:00:05","tags":["a","b"],"nested":{"count":2}}
            """;

        AssertReadsOldForm(json, new Dictionary<string, object?>
        {
            ["MT-AL-Command"] = true,
            ["MT-Redelivery-Count"] = 2L,
            ["ratio"] = 0.25,
            ["text"] = "plain",
            ["date"] = "2026-01-02T03:04:05.0000000Z",
            ["id"] = Id.ToString(),
            ["span"] = "00:00:05",
            ["tags"] = new List<object?> { "a", "b" },
            ["nested"] = new Dictionary<string, object?> { ["count"] = 2L },
        });
    }

    [Test]
    public void Should_read_dead_letters_written_by_its_old_codec()
    {
        // What DeadLetters/HeaderJson wrote for an AMQP delivery: text, numbers, flags, bytes, timestamps, tables, lists, null.
        const string json = """
            {"MT-Fault-Message":"boom","MT-Fault-RetryCount":4,"ratio":0.25,"flag":false,"none":null,
             "raw":{"$bytes":"/wD+"},"sent":{"$timestamp":1700000000},
             "x-death":[{"count":1,"queue":"q","time":{"$timestamp":1700000001}}]}
            """;

        AssertReadsOldForm(json, new Dictionary<string, object?>
        {
            ["MT-Fault-Message"] = "boom",
            ["MT-Fault-RetryCount"] = 4L,
            ["ratio"] = 0.25,
            ["flag"] = false,
            ["none"] = null,
            ["raw"] = new byte[] { 0xff, 0x00, 0xfe },
            ["sent"] = new AmqpTimestamp(1_700_000_000),
            ["x-death"] = new List<object?>
            {
                new Dictionary<string, object?> { ["count"] = 1L, ["queue"] = "q", ["time"] = new AmqpTimestamp(1_700_000_001) },
            },
        });
    }

    /// <summary>Reads the old form as expected, and writing what was read and reading it again changes nothing.</summary>
    private static void AssertReadsOldForm(string? json, Dictionary<string, object?> expected)
    {
        var read = HeaderJson.Read(json);
        Assert.That(read, Is.EquivalentTo(expected));
        Assert.That(HeaderJson.Read(HeaderJson.Write(read)), Is.EquivalentTo(expected), "written again in the one form");
    }
}
