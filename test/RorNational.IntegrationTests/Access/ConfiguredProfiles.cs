using Microsoft.Extensions.Configuration;
using RorNational.Fhir.Access;

namespace RorNational.IntegrationTests.Access;

/// <summary>The access profiles as the host configures them (src/RorNational.Host/appsettings.json).</summary>
public static class ConfiguredProfiles
{
    public static readonly AccessProfiles All = AccessProfiles.From(new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(TestPostgres.RepositoryRoot(), "src", "RorNational.Host", "appsettings.json"))
        .Build());

    public static AccessProfile Of(string id) => All.Of(id);
}
