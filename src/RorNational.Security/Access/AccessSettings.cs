using Microsoft.Extensions.Configuration;

namespace RorNational.Security.Access;

/// <summary>
/// Who may call without a token, and where the clients are registered: the configuration
/// section <c>Access</c> (its <c>Profiles</c> belong to the FHIR side).
/// </summary>
/// <param name="AnonymousProfile">
/// The access profile of FHIR reads and searches sent without a token; null: such requests
/// are refused with 401.
/// </param>
public sealed record AccessSettings(string? AnonymousProfile)
{
    public const string AnonymousProfileKey = "Access:AnonymousProfile";
    public const string ClientsFileKey = "Access:ClientsFile";

    /// <summary>Where the consumer access profiles are configured (their rules belong to the FHIR side).</summary>
    public const string ProfilesKey = "Access:Profiles";

    /// <summary>The profile the CapabilityStatement is built for when nobody is identified and anonymous access is off.</summary>
    public const string MetadataProfile = "public";

    public static AccessSettings From(IConfiguration configuration)
    {
        var anonymous = string.IsNullOrWhiteSpace(configuration[AnonymousProfileKey]) ? null : configuration[AnonymousProfileKey];
        var profiles = ProfileIds(configuration);
        if (anonymous is not null && !profiles.Contains(anonymous))
            throw new InvalidOperationException(
                $"Unknown access profile: {AnonymousProfileKey} reads with '{anonymous}'. Configured: {string.Join(", ", profiles)}.");
        return new AccessSettings(anonymous);
    }

    /// <summary>The ids of the configured access profiles, which clients and anonymous access must name.</summary>
    public static IReadOnlySet<string> ProfileIds(IConfiguration configuration) =>
        configuration.GetSection(ProfilesKey).GetChildren().Select(profile => profile.Key).ToHashSet(StringComparer.Ordinal);
}
