using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BulkEtl.Tests.TestSupport;

/// <summary>
/// A careless token endpoint on loopback: every POST /oauth/token answers 500 with an error message that quotes the
/// client secret it was sent, both decoded and as the raw form body. The simulator is a correct Zuora; this is not.
/// </summary>
internal sealed class EchoingTokenEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoingTokenEndpoint(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int Requests { get; private set; }

    public static async Task<EchoingTokenEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        EchoingTokenEndpoint? endpoint = null;
        app.MapPost("/oauth/token", async context =>
        {
            endpoint!.Requests++;
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var secret = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body).TryGetValue("client_secret", out var value) ? value.ToString() : "";
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(
                new { success = false, message = $"invalid client_secret '{secret}' in request {body}" }, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        endpoint = new EchoingTokenEndpoint(app, new Uri(address.TrimEnd('/') + "/"));
        return endpoint;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
