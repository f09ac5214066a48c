namespace RorNational.Offer.Capacity.Supplying;

/// <summary>
/// The answer to one entry, as stored in the request's receipt so that a replay answers the
/// same: its HTTP status; for an applied change the Location and the version and time the
/// transaction left it at; the OperationOutcome (FHIR JSON) of a refusal, or the information
/// issues of an applied change (an outdated change recorded but not applied).
/// </summary>
public sealed class EntryAnswer
{
    public int Status { get; set; }
    public string? LocationId { get; set; }
    public long Version { get; set; }
    public DateTimeOffset LastUpdated { get; set; }
    public string? Outcome { get; set; }

    /// <summary>Whether the change was applied (its Location and version are given).</summary>
    public bool Applied => Status is >= 200 and < 300;

    /// <summary>Whether its outcome holds information the supplier must see (an outdated change).</summary>
    public bool HasInformation { get; set; }
}
