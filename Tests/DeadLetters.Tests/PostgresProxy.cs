using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using AgentLightning.Testing;
using Npgsql;

namespace AgentLightning.DeadLetters.Tests;

/// <summary>
/// A TCP proxy in front of the real PostgreSQL server, so a test can take the database away from one service
/// (every open connection dropped, every new one closed at once and counted) and give it back.
/// </summary>
internal sealed class PostgresProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<TcpClient, byte> _open = new();
    private readonly string _host;
    private readonly int _port;
    private volatile bool _cut;
    private int _refused;

    public PostgresProxy()
    {
        var server = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        _host = server.Host ?? "127.0.0.1";
        _port = server.Port;
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>Connection attempts refused while cut: how often clients tried.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>The same database, through the proxy.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(TestServers.PostgresDatabase(database))
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port,
            Timeout = 3,
        }.ConnectionString;

    public void Cut()
    {
        _cut = true;
        foreach (var client in _open.Keys)
        {
            client.Dispose();
        }
    }

    public void Restore() => _cut = false;

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
            var up = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
            var down = server.GetStream().CopyToAsync(client.GetStream(), _stop.Token);
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
}
