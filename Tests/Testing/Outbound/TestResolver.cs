using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using AgentLightning.Infrastructure.Outbound;

namespace AgentLightning.Testing.Outbound;

/// <summary>
/// Test names and their answers; a name answers its list of answers in turn (the last one sticks), so a spec
/// can change a name's addresses between the creation check and the delivery. Unknown names never reach DNS.
/// </summary>
public sealed class TestResolver : IOutboundAddressResolver
{
    public const string PublicName = "public.test";
    public const string PrivateName = "private.test";
    public const string MetadataName = "metadata.test";
    public const string MixedName = "mixed.test";
    public const string LoopbackName = "loopback.test";

    public static readonly IPAddress PublicAddress = IPAddress.Parse("93.184.215.14");
    public static readonly IPAddress PrivateAddress = IPAddress.Parse("10.0.0.5");
    public static readonly IPAddress MetadataAddress = IPAddress.Parse("169.254.169.254");

    private readonly ConcurrentDictionary<string, ConcurrentQueue<IPAddress[]>> _answers = new(StringComparer.OrdinalIgnoreCase);

    public TestResolver()
    {
        Answer(PublicName, [PublicAddress]);
        Answer(PrivateName, [PrivateAddress]);
        Answer(MetadataName, [MetadataAddress]);
        Answer(MixedName, [PublicAddress, PrivateAddress]);
        Answer(LoopbackName, [IPAddress.Loopback]);
    }

    public int Calls { get; private set; }

    public void Answer(string name, params IPAddress[][] answers) => _answers[name] = new ConcurrentQueue<IPAddress[]>(answers);

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Calls++;
        if (!_answers.TryGetValue(host, out var answers))
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        if (answers.Count > 1 && answers.TryDequeue(out var next))
        {
            return Task.FromResult(next);
        }

        return Task.FromResult(answers.TryPeek(out var last) ? last : []);
    }
}
