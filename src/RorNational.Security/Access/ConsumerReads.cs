namespace RorNational.Security.Access;

/// <summary>
/// Marks an /api endpoint that reads with the caller's consumer access profile, as FHIR reads
/// do, rather than by a right on the offer: any identified caller, and anonymous callers where
/// Access:AnonymousProfile is set (<see cref="ConsumerReads.Paths"/>). What it answers is
/// redacted by the profile, never refused by a right.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ConsumerReadAttribute : Attribute;

public static class ConsumerReads
{
    /// <summary>The paths below which GET and HEAD requests read with a consumer profile: FHIR, and the bed-availability synthesis.</summary>
    public static readonly string[] Paths = ["/fhir", "/api/availability"];
}
