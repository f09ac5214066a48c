using System.Text.Json.Nodes;
using Marten;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.Offer.History;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Provenance;

/// <summary>
/// GET /api/establishments/{id}/timeline: every event of the establishment and of its lieu's
/// capacity in sequence order, with kind, validator and reason, supplier and source date;
/// filtered by kind and recorded period; paged by _count and the next link.
/// </summary>
public sealed class the_establishment_timeline : HistoryOfTheHospital
{
    private HttpClient Auditor => App.ClientFor(TestClients.Auditor);

    private async Task<List<JsonObject>> Entries(string query = "_count=1000")
    {
        var timeline = await Ok(Auditor.GetAsync($"/api/establishments/{EG}/timeline?{query}"));
        return [.. timeline["entries"]!.AsArray().Select(e => e!.AsObject())];
    }

    [Test]
    public async Task tells_every_kind_of_change_in_sequence_order()
    {
        var entries = await Entries();

        var sequences = entries.Select(e => e["sequence"]!.GetValue<long>()).ToList();
        Assert.That(sequences, Is.Ordered.Ascending.And.Unique);
        Assert.That(entries.Select(e => e["kind"]!.GetValue<string>()).Distinct(),
            Is.SupersetOf(new[] { "import", "draft", "finalization", "submission", "validation", "rejection", "direct-edit", "capacity" }));
        Assert.That(entries[0]["event"]!.GetValue<string>(), Is.EqualTo("eg_registered"));
        Assert.That(entries[0]["stream"]!.GetValue<string>(), Is.EqualTo(EG));
        Assert.That(entries[0]["version"]!.GetValue<long>(), Is.EqualTo(1));
    }

    [Test]
    public async Task names_the_validator_and_the_reason_of_each_decision()
    {
        var entries = await Entries();

        var rejection = entries.Single(e => e["kind"]!.GetValue<string>() == "rejection");
        Assert.That(rejection["event"]!.GetValue<string>(), Is.EqualTo("dossier_rejected"));
        Assert.That(rejection["by"]!.GetValue<string>(), Is.EqualTo(TestClients.ValidatorAra));
        Assert.That(rejection["details"]!["reason"]!.GetValue<string>(), Is.EqualTo(Rejection));
        Assert.That(rejection["details"]!["dossierId"]!.GetValue<string>(), Is.EqualTo(RejectedDossier));
        var validation = entries.Single(e => e["kind"]!.GetValue<string>() == "validation");
        Assert.That(validation["by"]!.GetValue<string>(), Is.EqualTo(TestClients.ValidatorAra));
        Assert.That(validation["details"]!["reason"]!.GetValue<string>(), Is.EqualTo("conforme"));
        Assert.That(validation["details"]!["fiches"]!.AsArray().Select(f => f!.GetValue<string>()), Does.Contain("uo-cardio-hc").And.Contain("uo-psy"));
        var drafts = entries.Where(e => e["kind"]!.GetValue<string>() == "draft").ToList();
        Assert.That(drafts.Select(d => d["by"]!.GetValue<string>()), Is.All.EqualTo(TestClients.Editor));
        var edits = entries.Where(e => e["kind"]!.GetValue<string>() == "direct-edit").Select(e => e["event"]!.GetValue<string>());
        Assert.That(edits, Is.EqualTo(new[] { "uo_content_edited", "eg_operational_name_changed", "uo_content_edited" }));
    }

    [Test]
    public async Task brings_in_the_capacity_changes_of_its_lieux_with_supplier_and_source_date()
    {
        var capacity = await Entries("kind=capacity");

        Assert.That(capacity.Select(e => e["event"]!.GetValue<string>()), Is.EqualTo(new[] { "capacity_indicator_added", "capacity_indicator_replaced" }));
        Assert.That(capacity.Select(e => e["stream"]!.GetValue<string>()), Is.All.EqualTo("capacity-" + LieuUnit));
        Assert.That(capacity.Select(e => e["by"]!.GetValue<string>()), Is.All.EqualTo(TestClients.Supplier));
        Assert.That(capacity.Select(e => e["details"]!["lieu"]!.GetValue<string>()), Is.All.EqualTo(LieuUnit));
        Assert.That(capacity.Select(e => DateTimeOffset.Parse(e["details"]!["sourceDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)),
            Is.EqualTo(new[] { DateTimeOffset.Parse(At(0), System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(At(20), System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.That(capacity.Select(e => e["details"]!["count"]!.GetValue<int>()), Is.EqualTo(new[] { 3, 5 }));
    }

    [Test]
    public async Task filters_by_kinds_and_by_recorded_period()
    {
        var all = await Entries();
        var decisions = await Entries("kind=validation,rejection");
        Assert.That(decisions.Select(e => e["event"]!.GetValue<string>()), Is.EqualTo(new[] { "dossier_accepted", "dossier_rejected" }));

        var middle = all[all.Count / 2]["recordedAt"]!.GetValue<string>();
        var from = await Entries($"_count=1000&from={Uri.EscapeDataString(middle)}");
        var before = await Entries($"_count=1000&to={Uri.EscapeDataString(middle)}");
        Assert.That(from.Count + before.Count, Is.EqualTo(all.Count), "each entry in one of the two periods");
        Assert.That(from.Select(e => DateTimeOffset.Parse(e["recordedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)),
            Is.All.GreaterThanOrEqualTo(DateTimeOffset.Parse(middle, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(before, Is.Not.Empty);

        // The same instant written with another offset selects the same entries.
        var atParis = DateTimeOffset.Parse(middle, System.Globalization.CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(1));
        var fromParis = await Entries($"_count=1000&from={Uri.EscapeDataString(atParis.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture))}");
        Assert.That(fromParis.Select(e => e["sequence"]!.GetValue<long>()), Is.EqualTo(from.Select(e => e["sequence"]!.GetValue<long>())));
    }

    [Test]
    public async Task pages_by_count_with_a_next_link_until_the_end()
    {
        var all = (await Entries()).Select(e => e["sequence"]!.GetValue<long>()).ToList();
        var paged = new List<long>();
        var url = $"/api/establishments/{EG}/timeline?_count=4";
        var pages = 0;
        while (url is not null)
        {
            var page = await Ok(Auditor.GetAsync(url));
            var entries = page["entries"]!.AsArray();
            Assert.That(entries.Count, Is.LessThanOrEqualTo(4));
            paged.AddRange(entries.Select(e => e!["sequence"]!.GetValue<long>()));
            url = page["next"]?.GetValue<string>();
            pages++;
        }
        Assert.That(paged, Is.EqualTo(all));
        Assert.That(pages, Is.EqualTo((all.Count + 3) / 4).Or.EqualTo((all.Count + 3) / 4 + 1));
    }

    [Test]
    public async Task is_indexed_once_per_event_however_often_its_events_are_applied()
    {
        var before = await Entries();
        await using (var session = App.Store.LightweightSession())
        {
            var events = await session.Events.QueryAllRawEvents()
                .Where(e => e.StreamKey == EG || e.StreamKey == "capacity-" + LieuUnit).OrderBy(e => e.Sequence).ToListAsync();
            await new EstablishmentTimelineIndex().ApplyAsync(session, events, CancellationToken.None);
            await session.SaveChangesAsync();
        }
        var after = await Entries();

        Assert.That(after.Select(e => e.ToJsonString()), Is.EqualTo(before.Select(e => e.ToJsonString())));
        await using var query = App.Store.QuerySession();
        var rows = await query.QueryAsync<long>(
            $"select count(*) from {TimelineTable.QualifiedName(App.Store.Options.DatabaseSchemaName)} where establishment = ?", EG);
        Assert.That(rows.Single(), Is.EqualTo(before.Count));
    }

    [TestCase("kind=nonsense", "kind")]
    [TestCase("from=yesterday", "from")]
    [TestCase("to=2026-03-02T08:00:00", "to")]
    [TestCase("_count=0", "_count")]
    [TestCase("after=x", "after")]
    [TestCase("made-up=1", "made-up")]
    public async Task refuses_a_bad_filter_naming_it(string query, string field)
    {
        var response = await Auditor.GetAsync($"/api/establishments/{EG}/timeline?{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(400), body);
        Assert.That(body, Does.Contain(field));
    }

    [Test]
    public async Task is_read_by_the_establishments_editor_but_not_by_another()
    {
        Assert.That((int)(await Editor.GetAsync($"/api/establishments/{EG}/timeline")).StatusCode, Is.EqualTo(200));
        using var other = App.ClientFor(TestClients.OtherEditor);
        Assert.That((int)(await other.GetAsync($"/api/establishments/{EG}/timeline")).StatusCode, Is.EqualTo(403));
    }
}
