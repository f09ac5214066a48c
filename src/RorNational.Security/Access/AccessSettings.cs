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

    /// <summary>The profile the CapabilityStatement is built for when nobody is identified and anonymous access is off.</summary>
    public const string MetadataProfile = "public";

    public static AccessSettings From(IConfiguration configuration) =>
        new(string.IsNullOrWhiteSpace(configuration[AnonymousProfileKey]) ? null : configuration[AnonymousProfileKey]);
}
