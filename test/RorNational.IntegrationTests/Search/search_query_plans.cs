using RorNational.Domain.Capacity;
using System.Diagnostics;
using System.Text;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RorNational.Fhir.Search.Indexing;
using RorNational.Fhir.Search.Indexing.Capacity;
using RorNational.Fhir.Access;
using RorNational.Fhir.Search.Querying;
using RorNational.Fhir.Search.Indexing.Tags;
using RorNational.IntegrationTests.Infrastructure;
using T = RorNational.Fhir.Ror.RorCanonical.Terminologies;

namespace RorNational.IntegrationTests.Search;

/// <summary>
/// Every supported kind of search runs on indexes: the EXPLAIN plans of the count and page
/// queries have no sequential scan of an index table, on a synthetic index of
/// RORNATIONAL_PLAN_SCALE establishments (10,000 by default: 30,000 UO and 30,000 lieux;
/// build/benchmarks/search-plans runs it at the national 100,000 with timings).
/// </summary>
public sealed class search_query_plans : ApiFixture
{
    private static readonly int Scale = int.TryParse(Environment.GetEnvironmentVariable("RORNATIONAL_PLAN_SCALE"), out var scale) ? scale : 10_000;
    private static readonly string? Report = Environment.GetEnvironmentVariable("RORNATIONAL_PLAN_REPORT");

    protected override bool ResetBetweenTests => false;

    /// <summary>The guide's delta: what changed in the last 10,000 seconds, 10,000 lieux of the synthetic index, paged through.</summary>
    private static readonly string DeltaSince = $"_lastUpdated=ge{DateTime.UtcNow.AddSeconds(-10_000):yyyy-MM-ddTHH:mm:ss}Z";

    public static readonly (string Type, string Query)[] Searches =
    [
        ("HealthcareService", ""),
        ("HealthcareService", "specialty=227"),
        ("HealthcareService", "specialty=TRE_R211|227,228&characteristic=12"),
        ("HealthcareService", "specialty=227&age-range-low=le18&age-range-high=ge18"),
        ("HealthcareService", "name=cardiologie 12"),
        ("HealthcareService", "name:contains=ologie 123"),
        ("HealthcareService", "_content=cardio"),
        ("HealthcareService", "identifier=84/4242-uo-2"),
        ("HealthcareService", "location.commune-cog=01234"),
        ("HealthcareService", "location.near-insee-code=35238|10|km"),
        ("HealthcareService", "organization:above.identifier=000004242"),
        ("HealthcareService", "organization.type=120&specialty=227"),
        ("HealthcareService", "_filter=specialty eq 227 or (specialty eq 228 and age-range-low le 6)"),
        ("HealthcareService", "specialty=227&_sort=name"),
        ("HealthcareService", "_sort=-_lastUpdated"),
        ("HealthcareService", "specialty:missing=true"),
        ("Location", "address-postalcode=35"),
        ("Location", "address-city=commune 1234"),
        ("Location", "near=48.11|-1.68|5|km"),
        ("Location", "_has:HealthcareService:location:identifier=84/4242-uo-2"),
        ("Location", $"_lastUpdated=ge{DateTime.UtcNow.AddHours(-1):yyyy-MM-ddTHH:mm:ss}Z"),
        ("Organization", "_sort=name"),
        ("Organization", "partof=Organization/ej-17"),
        // The national guide's consumer searches (issue 15, workload 2).
        ("Location", "_tag=53&_revinclude=HealthcareService:location"),
        // With its system, as the guide writes it: its total is kept (TagCounts).
        ("Location", $"_tag={T.Region}|53&_revinclude=HealthcareService:location"),
        ("HealthcareService", "specialty=227&age-range-low=le18&age-range-high=ge18&location.address-postalcode=3" +
            "&_include=HealthcareService:organization&_include:iterate=Organization:partof&_include=HealthcareService:location"),
        ("HealthcareService", "organization:above=Organization/ej-1234"),
        ("HealthcareService", "location.capacity-status=02&location.nb-capacity=gt0"),
        ("Location", $"{DeltaSince}&_sort=_lastUpdated&_count=1000"),
    ];


    [OneTimeSetUp]
    public async Task FillTheIndex() =>
        await NationalScaleIndex.FillAsync(ConnectionString, App.Store.Options.DatabaseSchemaName, Scale);

    /// <summary>The tables of kept counts, without their "fhir_search_" prefix, as a regular expression's alternatives.</summary>
    private static readonly string KeptCountTables = string.Join('|', new[] { ServiceCapacityCounts.Table, TagCounts.Table }.Select(t => t["fhir_search_".Length..]));

    [TestCaseSource(nameof(Searches))]
    public async Task is_index_backed((string Type, string Query) search)
    {
        var request = Parse(search.Type, search.Query);
        var engine = App.Services.GetRequiredService<SearchEngine>();
        var (count, page) = await engine.ExplainAsync(request, PublicProfile, analyze: Report is not null, CancellationToken.None);
        // Counting a whole type, or all but those having a value (:missing=true), reads most of
        // the type's rows: PostgreSQL rightly scans the resource table for the count.
        // The kept counts (of the national capacity search, of tags) are a few rows: read whole, as they should be.
        if (search.Query.Length > 0 && !search.Query.StartsWith("_sort", StringComparison.Ordinal) && !search.Query.Contains(":missing=true"))
            Assert.That(count, Does.Not.Match($"Seq Scan on fhir_search_(?!({KeptCountTables})\\b)"), count);
        Assert.That(page, Does.Not.Contain("Seq Scan on fhir_search_"), page);
        if (Report is not null) await WriteReport(search, engine, request, count, page);
    }

    /// <summary>
    /// The statements a publication and a capacity change run on the capacity chain's table find
    /// their rows by key (one of them once read every Location: 79 ms a publication at 128,000).
    /// </summary>
    [Test]
    public async Task the_capacity_chain_writes_find_their_rows_by_key()
    {
        var schema = App.Store.Options.DatabaseSchemaName;
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var (service, location) = await OneReference(connection, schema);
        string[] services = [service], locations = [location], none = [];
        foreach (var (sql, parameters) in new (string, object[])[]
                 {
                     (ServiceCapacityRows.PublicationLock(schema), [locations, services]),
                     (ServiceCapacityRows.CapacityChangeLock(schema), [locations]),
                     (ServiceCapacityRows.ServiceRowsDelete(schema), [services]),
                     (ServiceCapacityRows.LocationRowsDelete(schema), [locations]),
                     (ServiceCapacityRows.ServiceRowsDerive(schema), [services]),
                     (ServiceCapacityRows.LocationRowsDerive(schema), [locations, none]),
                     (ServiceCapacityRows.ServicesLock(schema), [services, locations]),
                     (ServiceCapacityRows.CapacityChangeReplace(schema), CapacityIndexWriter.TouchedValues([(location, new CapacityKey("02", "1", null, null, null, null, "0"))])),
                 })
        {
            var plan = await Explain(connection, sql, parameters);
            Assert.That(plan, Does.Not.Contain("Seq Scan on fhir_search_"), sql + "\n" + plan);
        }
    }

    private static async Task<(string Service, string Location)> OneReference(NpgsqlConnection connection, string schema)
    {
        await using var command = new NpgsqlCommand(
            $"select id, target_id from {schema}.fhir_search_reference where resource_type = 'HealthcareService' and param = 'location' limit 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True, "the synthetic index has a UO naming a lieu");
        return (reader.GetString(0), reader.GetString(1));
    }

    /// <summary>The plan of a statement written with Marten's "?" placeholders, given their values in order.</summary>
    private static async Task<string> Explain(NpgsqlConnection connection, string sql, object[] parameters)
    {
        var position = 0;
        var numbered = System.Text.RegularExpressions.Regex.Replace(sql, @"\?(?!\|)", _ => "$" + ++position);
        Assert.That(position, Is.EqualTo(parameters.Length), sql);
        await using var command = new NpgsqlCommand("explain " + numbered, connection);
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
        var lines = new StringBuilder();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.AppendLine(reader.GetString(0));
        return lines.ToString();
    }

    /// <summary>The most restricted profile: its predicate is part of every plan.</summary>
    private AccessProfile PublicProfile => App.Services.GetRequiredService<AccessProfiles>().Of("public");

    private SearchRequest Parse(string type, string query) => SearchRequests.Parse(App.Services, type, query);

    /// <summary>Every page of a search, following its next cursor: how long each page took, and the whole walk.</summary>
    private async Task<string> PagedThrough(SearchEngine engine, SearchRequest request)
    {
        var pages = new List<double>();
        var walk = Stopwatch.StartNew();
        for (request.Cursor = null; ;)
        {
            var watch = Stopwatch.StartNew();
            var result = await engine.SearchAsync(request, PublicProfile, CancellationToken.None);
            pages.Add(watch.Elapsed.TotalMilliseconds);
            if (result.Next is null) break;
            request.Cursor = result.Next;
        }
        request.Cursor = null;
        pages.Sort();
        return $"paged through: {pages.Count} pages of up to {request.Count}, {walk.Elapsed.TotalMilliseconds:F0} ms; " +
               $"per page p50 {pages[pages.Count / 2]:F1} ms, max {pages[^1]:F1} ms";
    }

    /// <summary>For the benchmark: plans, and p50/p95 of 30 full searches (total, page of 200, load).</summary>
    private async Task WriteReport((string Type, string Query) search, SearchEngine engine, SearchRequest request, string count, string page)
    {
        var timings = new List<double>();
        long? total = null;
        for (var i = 0; i < 30; i++)
        {
            var watch = Stopwatch.StartNew();
            total = (await engine.SearchAsync(request, PublicProfile, CancellationToken.None)).Total;
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }
        timings.Sort();
        var text = new StringBuilder()
            .AppendLine($"## {search.Type}?{search.Query}")
            .AppendLine($"total {total}; search p50 {timings[14]:F1} ms, p95 {timings[28]:F1} ms");
        if (search.Query.StartsWith(DeltaSince, StringComparison.Ordinal)) text.AppendLine(await PagedThrough(engine, request));
        text
            .AppendLine("```").AppendLine("-- count").AppendLine(count).AppendLine("-- page").AppendLine(page).AppendLine("```").AppendLine();
        lock (typeof(search_query_plans)) File.AppendAllText(Report!, text.ToString());
    }
}
