namespace RorNational.HostileInput.Tests.Requests;

/// <summary>
/// What exists in the host under test, found at set-up (never hard-coded unit ids): resources
/// to aim reads at, the EG and dossiers the commands name, bad Authorization headers, the
/// sample FINESS extract to truncate.
/// </summary>
public sealed record Targets
{
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> ResourceIds { get; init; }

    /// <summary>An EG with an open dossier (<see cref="OpenDossier"/>) holding an unfinished draft (<see cref="DraftFiche"/>).</summary>
    public required string Eg { get; init; }
    public required string OpenDossier { get; init; }
    public required string DraftFiche { get; init; }

    /// <summary>A UO fiche published on <see cref="Eg"/> (its fiche id, as the /api names it).</summary>
    public required string PublishedUO { get; init; }

    /// <summary>A lieu fiche published on <see cref="Eg"/>, which no dossier drafts.</summary>
    public required string PublishedLieu { get; init; }

    /// <summary>A UF fiche published on <see cref="Eg"/>, parent of the fiches the generators draft.</summary>
    public required string PublishedUF { get; init; }

    /// <summary>The import that loaded the samples.</summary>
    public required string FinessImport { get; init; }

    /// <summary>Another EG, with a submitted dossier waiting for a validator.</summary>
    public required string OtherEg { get; init; }
    public required string SubmittedDossier { get; init; }

    /// <summary>A published lieu of <see cref="Eg"/> whose capacity is supplied (none is loaded): its identifier (1&lt;FINESS&gt;/&lt;idExterneSynchro&gt;) and its Location id.</summary>
    public required string SupplyIdentifier { get; init; }
    public required string SupplyLocation { get; init; }

    /// <summary>Authorization headers that must not authenticate anyone (forged, expired, malformed...).</summary>
    public required IReadOnlyList<string> BadAuthorizations { get; init; }

    /// <summary>The sample FINESS extract (samples/finess), the one already imported.</summary>
    public required byte[] FinessSample { get; init; }

    public static readonly string[] FhirTypes = ["Organization", "HealthcareService", "Location"];

    /// <summary>The professionals' types, generated after every other route (Generators/Practitioners).</summary>
    public static readonly string[] ProfessionalTypes = ["Practitioner", "PractitionerRole"];
}
