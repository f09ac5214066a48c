using RorNational.Fhir.Access;

namespace RorNational.Fhir.Auditing.Recording;

/// <summary>A resource version a read returned, with the class sets of its elements (as stored).</summary>
public sealed record ReturnedResource(string Type, string Id, long Version, IReadOnlyCollection<DataClass> ClassSets)
{
    public string VersionedReference => $"{Type}/{Id}/_history/{Version}";
}

/// <summary>
/// One FHIR read to consider for the audit: its restful interaction (read, vread,
/// history-instance, history-type, history-system, search-type), what it returned, and, for a search, whether a criterion
/// used data the public profile may not search on, and the raw query. A system history has no
/// resource type of its own (empty).
/// </summary>
public sealed record AuditedRead(string Subtype, string ResourceType, IReadOnlyList<ReturnedResource> Returned, bool CriteriaAbovePublic = false, string? RawQuery = null)
{
    /// <summary>An /api read (the editors' view, the timeline): the path read, named in the data entity instead of a FHIR reference.</summary>
    public string? ApiPath { get; init; }

    public const string Read = "read";
    public const string Vread = "vread";
    public const string HistoryInstance = "history-instance";
    public const string HistoryType = "history-type";
    public const string HistorySystem = "history-system";
    /// <summary>An operation that returns resources ($description): a Query.</summary>
    public const string Operation = "operation";
    public const string SearchType = "search-type";

    /// <summary>A search or a history follows BALP's Query pattern (action E), a read or vread its Read pattern (action R).</summary>
    public bool IsQuery => Subtype is SearchType or HistoryInstance or HistoryType or HistorySystem or Operation;
}
