namespace RorNational.Offer.ApiRights;

/// <summary>
/// Declares the right an /api endpoint requires: <c>[Requires(Right.Admin)]</c> beside its
/// <c>[WolverinePost(...)]</c>. Endpoint metadata, checked once for every route by
/// <see cref="RightsOnTheApi"/>; an /api route without it stops the host at start-up.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresAttribute(Right right) : Attribute
{
    public Right Right { get; } = right;

    /// <summary>The route values that may name the establishment a right is on.</summary>
    public static readonly string[] TargetRouteValues = ["egId", "establishmentId"];

    /// <summary>Whether the right is on one establishment, named in the route.</summary>
    public bool NeedsTarget => Right is not (Right.Admin or Right.Auditor or Right.PractitionerRecorder);
}
