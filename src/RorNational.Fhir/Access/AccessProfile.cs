namespace RorNational.Fhir.Access;

/// <summary>
/// A consumer access profile: which data it may not see. Each entry of <see cref="Hidden"/>
/// is a set of classes that hides an element when the element has all of them, so
/// "ConfidentialityLevel2" hides every level-2 datum and
/// "ConfidentialityLevel2+OutsideMedicoSocial" only those outside the medico-social field.
/// Profiles are configuration (Access:Profiles), never code.
/// </summary>
public sealed record AccessProfile(string Id, string Code, string Name, IReadOnlyList<DataClass> Hidden)
{
    /// <summary>The entries that are one class each, as one mask: "classes &amp; mask = 0" keeps an element.</summary>
    public DataClass HiddenAlone { get; } = Hidden.Where(IsSingle).Aggregate(DataClass.None, (mask, c) => mask | c);

    /// <summary>The entries made of several classes, each hiding an element only when it has them all.</summary>
    public IReadOnlyList<DataClass> HiddenTogether { get; } = Hidden.Where(c => !IsSingle(c)).Distinct().ToList();

    public bool SeesEverything => Hidden.Count == 0;

    /// <summary>Whether an element with these classes is hidden from this profile.</summary>
    public bool Hides(DataClass classes) =>
        (classes & HiddenAlone) != 0 || HiddenTogether.Any(together => (classes & together) == together);

    /// <summary>Whether anything of a resource whose elements have these class sets is hidden.</summary>
    public bool HidesAnyOf(IEnumerable<DataClass> classSets) => !SeesEverything && classSets.Any(Hides);

    /// <summary>
    /// Whether a resource with these class sets shows nothing to this profile beyond its id and
    /// meta: its setting (outside the medico-social field) or a sensitive unit's flag is hidden.
    /// The rule of the versions' table (History/VersionTable.Visible) for a current resource;
    /// an export leaves such resources out.
    /// </summary>
    public bool HidesWhole(IEnumerable<DataClass> classSets)
    {
        var content = classSets.Aggregate(DataClass.None, (all, c) => all | (c & (DataClass.OutsideMedicoSocial | DataClass.SensitiveUnit)));
        return content != DataClass.None && Hides(content);
    }

    /// <summary>Whether a search parameter whose values are of these classes can ever match for this profile.</summary>
    public bool MaySearch(DataClass parameterClasses) => parameterClasses == DataClass.None || !Hides(parameterClasses);

    private static bool IsSingle(DataClass c) => c != DataClass.None && (c & (c - 1)) == 0;
}
