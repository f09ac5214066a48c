using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using RorNational.Fhir.Access;
using RorNational.Fhir.Search.Querying;
using RorNational.IntegrationTests.Search;
using static RorNational.IntegrationTests.Capacity.Publishing.CapacityAppends;

namespace RorNational.IntegrationTests.Access;

/// <summary>
/// Once PostgreSQL has analyzed the index, a search names the common class masks its caller
/// may see (IndexedMasks) so that the planner can estimate them: that list is a hint, never a
/// permission. With a mask of supplementary capacity (status 06) among the common ones, every
/// profile still matches exactly the indicators the national policy entitles it to, directly,
/// chained from the offers, and through _filter.
/// </summary>
public sealed class searching_with_the_index_statistics : SearchFixture
{
    private const string DayCareLieu = "2A0000261-lieu-accueil-de-jour";
    private const string GynecologyLieu = "010000024-lieu-femme-enfant-2";

    private IndexedMasks _masks = null!;
    private SearchEngine _engine = null!;

    [OneTimeSetUp]
    public async Task AppendCapacityAndAnalyze()
    {
        // Two lieux of the same field with the same indicators: their masks occur twice, so ANALYZE keeps them among the common values.
        await App.Store.AppendCapacity("010000024", "lieu-femme-enfant-2", Added(Indicator("02", 42)), Added(Indicator("06", 43, bed: "01", crisis: "02")));
        await App.Store.AppendCapacity("010000024", "lieu-consultations", Added(Indicator("02", 12)), Added(Indicator("06", 13, bed: "01", crisis: "02")));
        await App.Store.AppendCapacity("2A0000261", "lieu-accueil-de-jour", Added(Indicator("02", 32, type: "02")), Added(Indicator("06", 33, type: "02", bed: "01", crisis: "02")));
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var analyze = new NpgsqlCommand($"analyze {App.Store.Options.DatabaseSchemaName}.fhir_search_capacity, {App.Store.Options.DatabaseSchemaName}.fhir_search_reference", connection);
            await analyze.ExecuteNonQueryAsync();
        }
        // A new engine reads the statistics at its first search (the application's may have read them before ANALYZE).
        _masks = new IndexedMasks();
        _engine = new SearchEngine(App.Store, App.Services.GetRequiredService<IOptions<SearchOptions>>(), _masks, App.Services.GetRequiredService<LargeCounts>(), App.Services.GetRequiredService<RedactedRenderings>());
        await Search("public", "Location", "_id=none");
    }

    [Test]
    public void the_common_masks_include_one_of_supplementary_capacity_that_the_professional_profile_may_not_see()
    {
        var supplementary = _masks.Last.Where(m => ((DataClass)m).HasFlag(DataClass.SupplementaryCapacity)).ToList();
        Assert.That(supplementary, Is.Not.Empty, $"common masks: {string.Join(", ", _masks.Last)}");
        var visible = new CriterionSql("ror", new SqlQuery(), Profile("professional"), _masks.Last).Visible("c");
        Assert.That(supplementary.Select(m => m.ToString()).Where(m => visible.Contains(m, StringComparison.Ordinal)), Is.Empty, visible);
        Assert.That(visible, Does.Contain(_masks.Last.First(m => !Profile("professional").Hides((DataClass)m)).ToString()));
    }

    private static readonly string[] AllProfiles = ["public", "crisis", "professional", "medico-social", "no-contacts", "installed-capacity"];

    /// <summary>The entitlements by the national policy (access_profile_matrix): supplementary to crisis and no-contacts; available also to professional, and to medico-social in its field.</summary>
    private static (bool Supplementary, bool AvailableGynecology, bool AvailableDayCare) Entitled(string profile) => profile switch
    {
        "crisis" or "no-contacts" => (true, true, true),
        "professional" => (false, true, true),
        "medico-social" => (false, false, true),
        _ => (false, false, false),
    };

    [TestCaseSource(nameof(AllProfiles))]
    public async Task a_profile_matches_exactly_the_indicators_it_is_entitled_to(string profile)
    {
        var (supplementary, gynecology, dayCare) = Entitled(profile);
        var lieux = $"_id={Unit(GynecologyLieu)},{Unit(DayCareLieu)}";
        Assert.That(await Search(profile, "Location", $"{lieux}&capacity-status=06&nb-capacity=gt0"),
            Is.EquivalentTo(supplementary ? [Unit(GynecologyLieu), Unit(DayCareLieu)] : Array.Empty<string>()), "supplementary capacity");
        Assert.That(await Search(profile, "Location", $"{lieux}&capacity-status=02&nb-capacity=gt0"),
            Is.EquivalentTo(new[] { gynecology ? Unit(GynecologyLieu) : null, dayCare ? Unit(DayCareLieu) : null }.OfType<string>()), "available capacity");
        Assert.That(await Search(profile, "Location", $"{lieux}&_filter=capacity-status eq 06"),
            Is.EquivalentTo(supplementary ? [Unit(GynecologyLieu), Unit(DayCareLieu)] : Array.Empty<string>()), "_filter");
    }

    [TestCaseSource(nameof(AllProfiles))]
    public async Task a_chained_capacity_search_matches_only_the_offers_at_lieux_the_profile_may_see_the_indicator_of(string profile)
    {
        var (supplementary, gynecology, dayCare) = Entitled(profile);
        var offers = $"_id={GynecologyUO},{DayCareUO}";
        Assert.That(await Search(profile, "HealthcareService", $"{offers}&location.capacity-status=06&location.nb-capacity=gt0"),
            Is.EquivalentTo(supplementary ? [GynecologyUO, DayCareUO] : Array.Empty<string>()), "supplementary capacity");
        Assert.That(await Search(profile, "HealthcareService", $"{offers}&location.capacity-status=02&location.nb-capacity=gt0"),
            Is.EquivalentTo(new[] { gynecology ? GynecologyUO : null, dayCare ? DayCareUO : null }.OfType<string>()), "available capacity");
    }

    private AccessProfile Profile(string id) => App.Services.GetRequiredService<AccessProfiles>().Of(id);

    private async Task<List<string>> Search(string profile, string type, string query)
    {
        var request = SearchRequests.Parse(App.Services, type, query);
        var result = await _engine.SearchAsync(request, Profile(profile), CancellationToken.None);
        return result.Matches.Select(m => m.Id).ToList();
    }
}
