using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace RorNational.Host.Health;

public static class HealthEndpoints
{
    /// <summary>
    /// /health/live: the process answers. /health/ready: the database answers and the
    /// asynchronous projections are not stalled.
    /// </summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
