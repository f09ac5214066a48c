namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>A clock that tells the time it is set to.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
