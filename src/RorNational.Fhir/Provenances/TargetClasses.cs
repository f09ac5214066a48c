using RorNational.Fhir.Access;

namespace RorNational.Fhir.Provenances;

/// <summary>
/// The classes a version's content has as a whole: those every element of it has (its setting,
/// medico-social or not), and <see cref="DataClass.SensitiveUnit"/> for a sensitive unit's
/// (everything but its id and metadata has it). A profile hiding them sees nothing of the
/// version but its id, so it may not learn that it was written either.
/// </summary>
public static class TargetClasses
{
    public static DataClass Of(IReadOnlyList<DataClass> classSets)
    {
        if (classSets.Count == 0) return DataClass.None;
        var common = classSets.Aggregate((all, classes) => all & classes);
        return classSets.Any(c => (c & DataClass.SensitiveUnit) != 0) ? common | DataClass.SensitiveUnit : common;
    }

    /// <summary>Whether the profile may see a target of these classes.</summary>
    public static bool Sees(this AccessProfile profile, int targetClasses) => !profile.Hides((DataClass)targetClasses);
}
