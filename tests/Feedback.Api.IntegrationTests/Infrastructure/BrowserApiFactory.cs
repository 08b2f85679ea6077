using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The API on a real Kestrel port on 127.0.0.1 (a browser cannot reach WebApplicationFactory's in-memory server).
/// Clients from <see cref="FeedbackApiFactory.ClientWithToken"/> talk to it over real HTTP as well.
/// </summary>
public sealed class BrowserApiFactory : FeedbackApiFactory
{
    /// <summary>Where the API listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().TrimEnd('/') + "/");
        ClientOptions.BaseAddress = BaseAddress;
    }
}
