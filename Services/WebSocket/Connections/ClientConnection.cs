using System.Collections.Immutable;
using System.Threading.Channels;
using AgentLightning.Infrastructure.Messaging.Events;
using AgentLightning.WebSocket.Feed;

namespace AgentLightning.WebSocket.Connections;

/// <summary>
/// One authenticated client as the feed sees it: its patterns and its bounded send buffer. Offering a frame never
/// waits: when the buffer is full the frame is dropped and counted, and a buffer that stays full past the
/// slow-client timeout cancels <see cref="TooSlow"/>.
/// </summary>
internal sealed class ClientConnection : IDisposable
{
    private readonly Channel<byte[]> _frames;
    private readonly FeedMetrics _metrics;
    private readonly TimeSpan _slowClientTimeout;
    private readonly int _maxPatterns;
    private readonly CancellationTokenSource _tooSlow = new();
    private readonly Lock _state = new();
    private ImmutableArray<ChannelPattern> _patterns = [];
    private long _dropped;
    private bool _full;

    public ClientConnection(string subject, LiveFeedOptions options, FeedMetrics metrics)
    {
        Subject = subject;
        _metrics = metrics;
        _slowClientTimeout = options.SlowClientTimeout;
        _maxPatterns = options.MaxPatterns;
        _frames = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(options.SendBufferFrames)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public string Subject { get; }

    public ChannelReader<byte[]> Frames => _frames.Reader;

    public CancellationToken TooSlow => _tooSlow.Token;

    public ImmutableArray<ChannelPattern> Patterns => _patterns;

    /// <summary>Whether any pattern matches; <paramref name="matches"/> remembers each pattern's answer for one event across clients.</summary>
    public bool Wants(PlatformEvent e, Dictionary<ChannelPattern, bool> matches)
    {
        foreach (var pattern in _patterns)
        {
            if (!matches.TryGetValue(pattern, out var match))
            {
                matches[pattern] = match = pattern.Matches(e);
            }

            if (match)
            {
                return true;
            }
        }

        return false;
    }

    /// <exception cref="ArgumentException">More patterns than the limit.</exception>
    public ImmutableArray<ChannelPattern> Subscribe(IEnumerable<ChannelPattern> patterns)
    {
        lock (_state)
        {
            var next = _patterns.Union(patterns).ToImmutableArray();
            if (next.Length > _maxPatterns)
            {
                throw new ArgumentException($"A client may hold at most {_maxPatterns} patterns.");
            }

            return _patterns = next;
        }
    }

    public ImmutableArray<ChannelPattern> Unsubscribe(IEnumerable<ChannelPattern> patterns)
    {
        lock (_state)
        {
            return _patterns = _patterns.Except(patterns).ToImmutableArray();
        }
    }

    /// <summary>Queues a frame without waiting; false when the buffer was full and the frame was dropped.</summary>
    public bool Offer(byte[] frame)
    {
        lock (_state)
        {
            if (_frames.Writer.TryWrite(frame))
            {
                if (_full)
                {
                    _full = false;
                    _tooSlow.CancelAfter(Timeout.InfiniteTimeSpan);
                }

                return true;
            }

            _dropped++;
            _metrics.DroppedFrame();
            if (!_full && !_tooSlow.IsCancellationRequested)
            {
                _full = true;
                _tooSlow.CancelAfter(_slowClientTimeout);
            }

            return false;
        }
    }

    /// <summary>Once the buffer is empty again: how many frames were dropped since the last notice (then zero).</summary>
    public long TakeDroppedOnceCaughtUp()
    {
        lock (_state)
        {
            if (_dropped == 0 || _frames.Reader.Count > 0)
            {
                return 0;
            }

            var dropped = _dropped;
            _dropped = 0;
            return dropped;
        }
    }

    public void Complete() => _frames.Writer.TryComplete();

    public void Dispose() => _tooSlow.Dispose();
}
