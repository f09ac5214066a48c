using System.Text.Json.Nodes;
using Marten;
using RorNational.Domain.Establishments.Importing;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.Offer.FinessImports;
using static RorNational.IntegrationTests.Finess.FinessImportCalls;

namespace RorNational.IntegrationTests.Finess;

/// <summary>
/// What a full extract may close and erase: never an EG whose line was rejected, never known
/// coordinates it does not give, and beyond a share of the open EGs (5 % by default) nothing
/// without <c>?confirmClosures=true</c>.
/// </summary>
public sealed class guarding_what_a_finess_import_closes : ApiFixture
{
    private static readonly string[] Lines = Sample().Split('\n');

    private static string Without(params string[] finess) =>
        string.Join('\n', Lines.Where(line => !finess.Any(f => line.Contains($";{f};"))));

    [Test]
    public async Task an_extract_cut_at_60_percent_closes_nothing_and_erases_no_coordinates()
    {
        await Client.Import(Sample());
        var before = await App.Store.StoredEGs();
        var sample = Sample();

        var report = await Client.Import(sample[..(sample.Length * 6 / 10)]);

        Assert.That(report["status"]!.GetValue<string>(), Is.EqualTo("ClosuresWithheld"), report.ToJsonString());
        Assert.That(report["closed"]!.GetValue<int>(), Is.Zero);
        var withheld = report["withheld"]!;
        Assert.That(withheld["count"]!.GetValue<int>(), Is.GreaterThan(1));
        Assert.That(withheld["openEstablishments"]!.GetValue<int>(), Is.EqualTo(19));
        Assert.That(withheld["reason"]!.GetValue<string>(), Does.Contain("confirmClosures=true"));
        var after = await App.Store.StoredEGs();
        Assert.That(after.Values.Count(eg => eg.Closed), Is.Zero);
        Assert.That(after.Values.Select(eg => (eg.Data.Finess, eg.Data.Coordinates)),
            Is.EquivalentTo(before.Values.Select(eg => (eg.Data.Finess, eg.Data.Coordinates))));
        Assert.That(before.Values.Count(eg => eg.Data.Coordinates is not null), Is.GreaterThan(10));
    }

    [Test]
    public async Task an_establishment_whose_line_is_rejected_is_not_closed()
    {
        await Client.Import(Sample());

        var report = await Client.Import(Sample().Replace(";69437 LYON CEDEX 03;", ";LYON CEDEX 03;"));

        Assert.That(report["status"]!.GetValue<string>(), Is.EqualTo("Completed"), report.ToJsonString());
        Assert.That(report["rejections"]!.AsArray().Single()!["finess"]!.GetValue<string>(), Is.EqualTo("690000013"));
        Assert.That(report["closed"]!.GetValue<int>(), Is.Zero);
        Assert.That((await App.Store.StoredEGs())["690000013"].Closed, Is.False);
    }

    [Test]
    public async Task closures_beyond_the_share_wait_for_a_confirmation_then_close()
    {
        await Client.Import(Sample());

        var withheld = await Client.Import(Without("690000013", "690000021"));
        var confirmed = await Client.Import(Without("690000013", "690000021"), "?confirmClosures=true");

        Assert.That(withheld["status"]!.GetValue<string>(), Is.EqualTo("ClosuresWithheld"), withheld.ToJsonString());
        Assert.That(withheld["withheld"]!["count"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(withheld["withheld"]!["finess"]!.AsArray().Select(f => f!.GetValue<string>()), Is.EqualTo(new[] { "690000013", "690000021" }));
        Assert.That(withheld["withheld"]!["maxClosureShare"]!.GetValue<double>(), Is.EqualTo(0.05));
        Assert.That(confirmed["status"]!.GetValue<string>(), Is.EqualTo("Completed"), confirmed.ToJsonString());
        Assert.That(confirmed["closuresConfirmed"]!.GetValue<bool>(), Is.True);
        Assert.That(confirmed["closed"]!.GetValue<int>(), Is.EqualTo(2));
        var egs = await App.Store.StoredEGs();
        Assert.That(egs.Values.Where(eg => eg.Closed).Select(eg => eg.Data.Finess), Is.EquivalentTo(new[] { "690000013", "690000021" }));
        await using var session = App.Store.QuerySession();
        var started = await session.Events.FetchStreamAsync(FinessImportEndpoints.StreamOf(confirmed["id"]!.GetValue<string>()));
        Assert.That(((FinessImportStarted)started[0].Data).ClosuresConfirmed, Is.True, "who confirmed the closures is on record");
    }

    [Test]
    public async Task a_closure_within_the_share_is_made_without_confirmation()
    {
        await Client.Register(Requests.Registration(ejFiness: "130786049", egFiness: "130783236")).EnsureOk();

        var report = await Client.Import(Sample());

        Assert.That(report["status"]!.GetValue<string>(), Is.EqualTo("Completed"), report.ToJsonString());
        Assert.That(report["closed"]!.GetValue<int>(), Is.EqualTo(1), "1 of 20 open establishments is 5 %");
        Assert.That(report["withheld"], Is.Null);
    }

    [Test]
    public async Task a_geolocation_line_of_nan_and_infinity_is_rejected_and_the_rest_imported()
    {
        var report = await Client.Import(Sample().Replace("geolocalisation;690000013;846282.4;6517621.2;", "geolocalisation;690000013;NaN;Infinity;"));

        Assert.That(report["status"]!.GetValue<string>(), Is.EqualTo("Completed"), report.ToJsonString());
        Assert.That(report["registered"]!.GetValue<int>(), Is.EqualTo(19));
        var rejection = report["rejections"]!.AsArray().Single()!;
        Assert.That(rejection["message"]!.GetValue<string>(), Is.EqualTo("coordinates (NaN, Infinity) are not decimal numbers"));
        var egs = await App.Store.StoredEGs();
        Assert.That(egs["690000013"].Data.Coordinates, Is.Null);
        Assert.That(egs.Values.Count(eg => eg.Data.Coordinates is not null), Is.GreaterThan(10));
    }
}
