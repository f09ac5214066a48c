namespace RorNational.Fhir.Search.Indexing;

/// <summary>
/// The kinds of data an access profile may or may not see. Each index row records the
/// classes its value belongs to ("requires"); a query only matches rows whose classes the
/// caller holds, so a search can never match on data the caller may not read.
/// </summary>
[Flags]
public enum SearchDataClass
{
    None = 0,

    /// <summary>Confidentiality level 2 (TRE_R283): health and social professionals.</summary>
    Professional = 1,

    /// <summary>Confidentiality level 3 (TRE_R283): crisis management and regulation.</summary>
    Crisis = 2,

    /// <summary>Anything of an offer flagged sensitive-unit beyond its id and metadata.</summary>
    SensitiveUnit = 4,

    Capacity = 8,

    /// <summary>Supplementary (crisis) capacity records.</summary>
    SupplementaryCapacity = 16,

    Equipment = 32,

    SpecificCompetence = 64,

    All = Professional | Crisis | SensitiveUnit | Capacity | SupplementaryCapacity | Equipment | SpecificCompetence,
}
