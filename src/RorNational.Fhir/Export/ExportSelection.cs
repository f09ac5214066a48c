namespace RorNational.Fhir.Export;

/// <summary>
/// What an export holds, as its kick-off asked: the resource types (<c>_type</c>, in the order
/// the files are written), the changes since an instant (<c>_since</c>), the searches that
/// select within a type (<c>_typeFilter</c>: a resource is exported when it matches any filter
/// of its type), and for <c>Organization/{id}/$export</c> the establishment.
/// </summary>
public sealed class ExportSelection
{
    /// <summary>Every type the repository serves, in the order an export writes them.</summary>
    public static readonly string[] AllTypes = ["Organization", "HealthcareService", "Location", "PractitionerRole", "Practitioner"];

    public List<string> Types { get; set; } = [.. AllTypes];

    public DateTimeOffset? Since { get; set; }

    public List<TypeFilter> TypeFilters { get; set; } = [];

    /// <summary>An EJ's or EG's Organization id: the establishment and everything under it; null for the whole repository.</summary>
    public string? Organization { get; set; }

    public IEnumerable<TypeFilter> FiltersOf(string type) => TypeFilters.Where(f => f.Type == type);
}

/// <summary>One <c>_typeFilter</c>: a search on a type, as its query string ("_tag=...|11").</summary>
public sealed record TypeFilter(string Type, string Query);
