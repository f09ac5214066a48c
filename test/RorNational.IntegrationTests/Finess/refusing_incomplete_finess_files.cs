using System.Net;
using System.Text;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Finess.FinessImportCalls;

namespace RorNational.IntegrationTests.Finess;

/// <summary>
/// A full extract closes whatever it does not list: a file that cannot be the whole extract
/// is refused with a 422 before anything is written, and the repository stays as it was.
/// </summary>
public sealed class refusing_incomplete_finess_files : ApiFixture
{
    private int _eventsBefore;

    [SetUp]
    public async Task ImportTheSample()
    {
        await Client.Import(Sample());
        _eventsBefore = await App.Store.StoredEvents();
    }

    private async Task AssertNothingChanged()
    {
        Assert.That(await App.Store.StoredEvents(), Is.EqualTo(_eventsBefore), "no event written");
        var egs = await App.Store.StoredEGs();
        Assert.That(egs.Values.Count(eg => !eg.Closed), Is.EqualTo(19), "no establishment closed");
    }

    [Test]
    public async Task an_etalab_extract_of_its_first_line_only_is_refused()
    {
        var response = await Client.PostExtract(Encoding.UTF8.GetBytes("finess;etalab;111;2026-06-12\n"));

        await AssertRefused(response, "lists no establishment");
        await AssertNothingChanged();
    }

    [TestCase("{\"schemaVersion\":\"1\"}", "no 'pmej' array")]
    [TestCase("{\"schemaVersion\":\"v1.0.0\",\"generatedAt\":\"2026-06-12T03:00:00Z\",\"pmej\":[]}", "lists no structure")]
    public async Task a_finess_structures_file_without_structures_is_refused(string json, string reason)
    {
        var response = await Client.PostExtract(Encoding.UTF8.GetBytes(json), "application/json");

        await AssertRefused(response, reason);
        await AssertNothingChanged();
    }

    [Test]
    public async Task a_finess_structures_file_cut_inside_its_array_is_refused()
    {
        var whole = await File.ReadAllTextAsync(Path.Combine(TestPostgres.RepositoryRoot(),
            "test", "RorNational.Finess.Tests", "Extracts", "finess-structures.json"));

        var response = await Client.PostExtract(Encoding.UTF8.GetBytes(whole[..(whole.Length * 8 / 10)]), "application/json");

        await AssertRefused(response, "not readable JSON");
        await AssertNothingChanged();
    }

    [TestCase(0.8)]
    [TestCase(0.99)]
    public async Task a_gzip_extract_cut_short_is_refused_before_the_import_starts(double kept)
    {
        var whole = Gzip(Encoding.UTF8.GetBytes(Sample().Replace(";HOPITAL EDOUARD HERRIOT;", ";HOPITAL EDOUARD-HERRIOT;")));

        var response = await Client.PostExtract(whole[..(int)(whole.Length * kept)], "application/gzip");

        await AssertRefused(response, "gzip file is cut short");
        await AssertNothingChanged();
    }

    [Test]
    public async Task a_whole_gzip_extract_is_imported()
    {
        var whole = Gzip(Encoding.UTF8.GetBytes(Sample()));

        var response = await Client.PostExtract(whole, "application/gzip");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
    }

    [TestCase("?confirmClosures=yes")]
    [TestCase("?confirmClosures=true&confirmClosures=false")]
    public async Task a_confirmation_that_is_not_true_or_false_is_refused(string query)
    {
        var response = await Client.PostExtract(Encoding.UTF8.GetBytes(Sample()), query: query);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        await AssertNothingChanged();
    }
}
