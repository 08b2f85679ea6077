using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The API on a real Kestrel port on 127.0.0.1, for clients that are not an in-process HttpClient (a browser).
/// <c>Feedback:PublicBaseUrl</c> is that address, so the <c>raterUrl</c>s the API hands out open in the browser.
/// </summary>
public sealed class KestrelApiFactory : FeedbackApiFactory
{
    private int port;

    /// <summary>http://127.0.0.1:port, without a trailing slash.</summary>
    public string BaseUrl => $"http://127.0.0.1:{port}";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        port = FreePort();
        UseKestrel(port);
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Feedback:PublicBaseUrl", BaseUrl);
        builder.UseSetting("urls", BaseUrl);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
