using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AgentLightning.Testing;

/// <summary>
/// A TCP proxy in front of a real server (PostgreSQL, Redis), so a test can take the server away from one
/// service: cut it (every open connection dropped, every new one closed at once and counted) and give it
/// back, or let it hang from a chosen request on (<see cref="BlackholeAfter"/>).
/// </summary>
public sealed class TcpProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<TcpClient, byte> _open = new();
    private readonly string _host;
    private readonly int _port;
    private volatile bool _cut;
    private volatile bool _blackholed;
    private volatile byte[][]? _trigger;
    private int _refused;

    public TcpProxy(string host, int port)
    {
        (_host, _port) = (host, port);
        _listener.Start();
        _ = AcceptAsync();
    }

    public static TcpProxy ForPostgres()
    {
        var server = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        return new TcpProxy(server.Host ?? "127.0.0.1", server.Port);
    }

    public static TcpProxy ForRedis()
    {
        var (host, port) = TestServers.Redis.Split(':') is [var h, var p] ? (h, int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)) : ("127.0.0.1", 6379);
        return new TcpProxy(host, port);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connection attempts refused while cut: how often clients tried.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>The same database, through the proxy.</summary>
    public string PostgresConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(TestServers.PostgresDatabase(database)) { Host = "127.0.0.1", Port = Port, Timeout = 3 }.ConnectionString;

    public string RedisConnectionString => $"127.0.0.1:{Port}";

    public void Cut()
    {
        _cut = true;
        foreach (var client in _open.Keys)
        {
            client.Dispose();
        }
    }

    public void Restore() => _cut = false;

    /// <summary>
    /// Once a client has sent each of <paramref name="texts"/> in turn on one connection, nothing a client sends
    /// reaches the server any more (the answer to that request still comes back): the server seems to hang.
    /// </summary>
    public void BlackholeAfter(params string[] texts) => _trigger = [.. texts.Select(System.Text.Encoding.UTF8.GetBytes)];

    public void Dispose()
    {
        Cut();
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                if (_cut)
                {
                    Interlocked.Increment(ref _refused);
                    client.Dispose();
                    continue;
                }

                _ = RelayAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        _open[client] = 0;
        _open[server] = 0;
        try
        {
            await server.ConnectAsync(_host, _port, _stop.Token);
            var up = PumpAsync(client.GetStream(), server.GetStream(), upstream: true);
            var down = PumpAsync(server.GetStream(), client.GetStream(), upstream: false);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away (or was cut): the other goes too.
        }
        finally
        {
            _open.TryRemove(client, out _);
            _open.TryRemove(server, out _);
            client.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool upstream)
    {
        var buffer = new byte[64 * 1024];
        var matched = 0;
        while (await from.ReadAsync(buffer, _stop.Token) is var read and > 0)
        {
            if (upstream && _blackholed)
            {
                continue;
            }

            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            if (upstream && _trigger is { } trigger)
            {
                while (matched < trigger.Length && buffer.AsSpan(0, read).IndexOf(trigger[matched]) >= 0)
                {
                    matched++;
                }

                if (matched == trigger.Length)
                {
                    _blackholed = true;
                    _trigger = null;
                }
            }
        }
    }
}
