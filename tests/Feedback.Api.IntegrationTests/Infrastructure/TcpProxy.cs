using System.Net;
using System.Net.Sockets;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback TCP proxy in front of the test database. <see cref="Cut"/> drops every connection and refuses new
/// ones, the way a stopped database looks to the API, without stopping the server other tests share.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<TcpClient> open = [];
    private volatile bool cut;

    public TcpProxy(string targetHost, int targetPort)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Drops every open connection; new ones are closed as soon as they arrive.</summary>
    public void Cut()
    {
        cut = true;
        lock (open)
        {
            open.ForEach(c => c.Dispose());
            open.Clear();
        }
    }

    public void Restore() => cut = false;

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (cut)
            {
                client.Dispose();
                continue;
            }

            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(targetHost, targetPort, stopping.Token);
            lock (open)
            {
                open.Add(client);
                open.Add(server);
            }

            var a = client.GetStream().CopyToAsync(server.GetStream(), stopping.Token);
            var b = server.GetStream().CopyToAsync(client.GetStream(), stopping.Token);
            await Task.WhenAny(a, b);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Cut();
        stopping.Dispose();
    }
}
