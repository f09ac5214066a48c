using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RorNational.IntegrationTests.Subscriptions;

/// <summary>
/// A subscriber's rest-hook endpoint on a loopback port (a tiny Kestrel app): keeps every
/// notification it accepts with its arrival time, answers 500 while <see cref="Failing"/>, and
/// can be stopped (connection refused) and started again on the same port.
/// </summary>
public sealed class NotificationReceiver : IAsyncDisposable
{
    private WebApplication? _app;
    private int _port;

    public ConcurrentQueue<Received> Accepted { get; } = new();

    /// <summary>Requests answered 500 while failing.</summary>
    public int Refused => _refused;
    private int _refused;

    public bool Failing { get; set; }

    public string Endpoint => $"http://127.0.0.1:{_port}/hook";

    public static async Task<NotificationReceiver> StartAsync()
    {
        var receiver = new NotificationReceiver();
        await receiver.StartAgainAsync();
        return receiver;
    }

    public async Task StartAgainAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, _port));
        var app = builder.Build();
        app.MapPost("/hook", async (HttpContext context) =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            if (Failing)
            {
                Interlocked.Increment(ref _refused);
                return Results.StatusCode(500);
            }
            Accepted.Enqueue(new Received(Stopwatch.GetTimestamp(), JsonNode.Parse(body)!.AsObject(), context.Request.ContentType ?? ""));
            return Results.Ok();
        });
        await app.StartAsync();
        _port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>The notifications of this type received so far.</summary>
    public List<Received> OfType(string type) => Accepted.Where(r => r.Type == type).ToList();

    /// <summary>Waits (bounded) until the notifications received satisfy <paramref name="done"/>.</summary>
    public async Task<List<Received>> WaitFor(Func<List<Received>, bool> done, TimeSpan within, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var all = Accepted.ToList();
            if (done(all)) return all;
            if (deadline.Elapsed > within) throw new AssertionException($"{what}: not received within {within.TotalSeconds} s; got {string.Join(", ", all.Select(r => r.Type))}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>One notification Bundle as received.</summary>
    public sealed record Received(long ArrivedAt, JsonObject Bundle, string ContentType)
    {
        public JsonArray Parameters => Bundle["entry"]![0]!["resource"]!["parameter"]!.AsArray();
        public string Type => Parameter("type")!;
        public string? Parameter(string name) => Parameters.FirstOrDefault(p => p!["name"]!.GetValue<string>() == name)?.AsObject()
            .FirstOrDefault(pair => pair.Key.StartsWith("value", StringComparison.Ordinal)).Value switch
            {
                JsonObject reference => reference["reference"]?.GetValue<string>(),
                JsonValue value => value.ToString(),
                _ => null,
            };
        public List<JsonObject> Events => Parameters.Where(p => p!["name"]!.GetValue<string>() == "notification-event").Select(p => p!.AsObject()).ToList();
        public static string Part(JsonObject notificationEvent, string name) => notificationEvent["part"]!.AsArray()
            .First(p => p!["name"]!.GetValue<string>() == name)!.AsObject()
            .First(pair => pair.Key.StartsWith("value", StringComparison.Ordinal)).Value switch
            {
                JsonObject reference => reference["reference"]!.GetValue<string>(),
                var value => value!.ToString(),
            };
        public List<long> Numbers => Events.Select(e => long.Parse(Part(e, "event-number"))).ToList();
        public List<string> Foci => Events.Select(e => Part(e, "focus")).ToList();
    }
}
