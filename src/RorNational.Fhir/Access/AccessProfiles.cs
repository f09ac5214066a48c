using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using RorNational.Security.Access;
using RorNational.Security.Callers;

namespace RorNational.Fhir.Access;

/// <summary>
/// The consumer access profiles of the deployment, read from configuration
/// (Access:Profiles, see appsettings.json): a new profile is a few lines there, not code.
/// Each hides a list of data classes, or combinations of classes joined by "+".
/// </summary>
public sealed class AccessProfiles
{
    public const string Section = AccessSettings.ProfilesKey;

    private readonly Dictionary<string, AccessProfile> _profiles;

    public AccessProfiles(IEnumerable<AccessProfile> profiles) =>
        _profiles = profiles.ToDictionary(p => p.Id, StringComparer.Ordinal);

    public IReadOnlyCollection<AccessProfile> All => _profiles.Values;

    /// <summary>The profile of this id; a client registered with an unknown profile is refused at start-up, not here.</summary>
    public AccessProfile Of(string id) =>
        _profiles.TryGetValue(id, out var profile) ? profile : throw new InvalidOperationException($"no access profile '{id}' is configured");

    public bool Contains(string id) => _profiles.ContainsKey(id);

    /// <summary>The profile the caller of this request reads with.</summary>
    public AccessProfile For(HttpContext context) => Of(Callers.Of(context).Profile);

    public static AccessProfiles From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var profiles = section.GetChildren().Select(Parse).ToList();
        if (profiles.Count == 0)
            throw new InvalidOperationException($"no access profile is configured: add them under {Section}");
        return new AccessProfiles(profiles);
    }

    private static AccessProfile Parse(IConfigurationSection profile)
    {
        var hidden = profile.GetSection("Hides").GetChildren().Select(entry => ParseClasses(profile.Key, entry.Value ?? "")).ToList();
        return new AccessProfile(profile.Key, profile["Code"] ?? profile.Key, profile["Name"] ?? profile.Key, hidden);
    }

    /// <summary>"ConfidentialityLevel2" or "Capacity+OutsideMedicoSocial".</summary>
    private static DataClass ParseClasses(string profile, string entry) =>
        entry.Split('+', StringSplitOptions.TrimEntries).Aggregate(DataClass.None, (classes, name) =>
            Enum.TryParse<DataClass>(name, ignoreCase: false, out var parsed) && parsed != DataClass.None && Enum.IsDefined(parsed)
                ? classes | parsed
                : throw new InvalidOperationException(
                    $"access profile '{profile}': '{name}' is not a data class (known: {string.Join(", ", Enum.GetNames<DataClass>().Skip(1))})"));
}
