using Microsoft.AspNetCore.Http.Timeouts;
using RorNational.Fhir.Errors;
using RorNational.Security.Http;

namespace RorNational.Host.Overload;

/// <summary>
/// What keeps a node answering when the database is slow or its connection pool is full: a
/// bound on the requests served and queued (<see cref="RequestGate"/>), a smaller one on the writes
/// applied at once (<see cref="WriteGate"/>), and ASP.NET Core's
/// request timeout, which cancels a request's database command and answers 503 with
/// Retry-After and an OperationOutcome. (PostgreSQL down or refusing answers 503 on its own:
/// see <see cref="DatabaseUnavailable"/>.)
/// </summary>
public static class OverloadProtection
{
    public static WebApplicationBuilder AddOverloadProtection(this WebApplicationBuilder builder)
    {
        var settings = OverloadSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<WriteTurns>();
        builder.Services.AddSingleton<RorNational.Offer.Capacity.Grouping.IWriteTurns>(services => services.GetRequiredService<WriteTurns>());
        builder.Services.AddRequestTimeouts(options => options.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = settings.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            WriteTimeoutResponse = context => WriteTimedOut(context, settings.RequestTimeout),
        });
        return builder;
    }

    /// <summary>After routing (timeouts may differ per endpoint) and before the endpoints.</summary>
    public static WebApplication UseOverloadProtection(this WebApplication app)
    {
        app.UseMiddleware<RequestGate>();
        app.UseMiddleware<WriteGate>();
        app.UseRequestTimeouts();
        return app;
    }

    private static Task WriteTimedOut(HttpContext context, TimeSpan timeout) =>
        ErrorResponseMiddleware.WriteRefusal(context, new HttpRefusal(HttpRefusalKind.Unavailable,
            $"the request was not served within {timeout.TotalSeconds:0.#} s (the database is slow or busy) and was cancelled; retry later " +
            "(a supplier's retry with the same X-Request-Id is applied once)"));
}
