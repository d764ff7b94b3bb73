using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NewsIngest.Tests.Infrastructure;

/// <summary>
/// A raw TCP server on 127.0.0.1 that answers every page with <c>Content-Length: 1000000</c>, sends about 2 KB of it and
/// closes the connection cleanly (FIN, not a reset), as a crashing origin or a proxy cutting a response does. robots.txt is
/// cut the same way when <see cref="CutRobotsTxt"/> is set, else answered 404.
/// </summary>
public sealed class TruncatingServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _pageRequests;

    public TruncatingServer(bool cutRobotsTxt)
    {
        CutRobotsTxt = cutRobotsTxt;
        _listener.Start();
        _loop = AcceptAsync();
    }

    public bool CutRobotsTxt { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Requests for anything but robots.txt.</summary>
    public int PageRequestCount => Volatile.Read(ref _pageRequests);

    public Uri Url(string path) => new(BaseUrl, path);

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = AnswerAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var head = new StringBuilder();
            var buffer = new byte[4096];
            while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                head.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            var robots = head.ToString().StartsWith("GET /robots.txt ", StringComparison.Ordinal);
            if (robots && !CutRobotsTxt)
            {
                await stream.WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
            }
            else
            {
                if (!robots)
                {
                    Interlocked.Increment(ref _pageRequests);
                }

                var type = robots ? "text/plain" : "text/html";
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {type}\r\nContent-Length: 1000000\r\n\r\n"), _stop.Token);
                await stream.WriteAsync(Encoding.ASCII.GetBytes("<html><body><p>" + new string('a', 2048)), _stop.Token);
            }

            await stream.FlushAsync(_stop.Token);
            client.Client.Shutdown(SocketShutdown.Send);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
