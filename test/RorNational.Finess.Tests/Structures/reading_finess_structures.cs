using System.IO.Compression;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;

namespace RorNational.Finess.Tests.Structures;

/// <summary>
/// The FINESS Structures JSON of data.gouv.fr, on a file written from the ANS schema v1
/// (github.com/ansforge/finess, flux/out/data.gouv/structure).
/// </summary>
public sealed class reading_finess_structures
{
    private FinessExtractInfo _info = null!;
    private List<FinessLine> _lines = null!;

    [OneTimeSetUp]
    public async Task Read() => (_info, _lines) = await Extracts.ReadAllAsync(Extracts.Structures);

    [Test]
    public void the_format_is_recognised_from_the_content_with_its_schema_version_and_date()
    {
        Assert.That(_info, Is.EqualTo(new FinessExtractInfo(FinessExtractFormat.FinessStructures, new DateOnly(2026, 9, 11),
            IsFullExtract: true, "utf-8", Compressed: false) { SchemaVersion = "v1.0.0" }));
    }

    [Test]
    public void an_eg_is_given_with_its_ej_from_the_entry_that_holds_it()
    {
        var fleyriat = _lines.ByFiness()["010000024"];

        Assert.That(fleyriat.Position, Is.EqualTo(1));
        Assert.That(fleyriat.EJ, Is.EqualTo(new EJAdministrativeData("010780054", "CENTRE HOSPITALIER DE BOURG-EN-BRESSE")
        {
            Siren = "260100045",
            LegalStatus = new CodedValue("13"),
        }));
        Assert.That(fleyriat.EG, Is.EqualTo(new EGAdministrativeData("010000024", "010780054", "CH DE FLEYRIAT",
            new PostalAddress("900 B", "RTE", "DE PARIS", "BATIMENT C", "BP 401", "01440", "VIRIAT", "01451"))
        {
            LongName = "HÔPITAL DE FLEYRIAT - CENTRE HOSPITALIER DE BOURG-EN-BRESSE",
            Siret = "26010004500012",
            Category = new CodedValue("355"),
            PublicServiceParticipation = new CodedValue("1"),
            Phone = "0474454647",
            Fax = "0474454114",
            OpeningDate = new DateOnly(1979, 2, 13),
            Coordinates = new GeoPoint(46.222286, 5.209181),
        }));
    }

    [Test]
    public void closed_egs_are_skipped_and_counted()
    {
        Assert.That(_lines.ByFiness().Keys, Is.EquivalentTo(new[] { "010000024", "2A0000261" }));
    }

    [Test]
    public void an_eg_with_a_malformed_number_is_rejected_and_its_neighbours_are_read()
    {
        var rejection = _lines.OfType<FinessRejection>().Single();

        Assert.That(rejection.Position, Is.EqualTo(2));
        Assert.That(rejection.Message, Is.EqualTo("EG 2 of EJ 2A0000154: '2A00002' is not a FINESS number (numFinessEge)"));
    }

    [Test]
    public void values_the_flux_leaves_empty_or_malformed_are_left_out_with_a_warning()
    {
        var ssiad = _lines.ByFiness()["2A0000261"];

        Assert.That(ssiad.EG.Siret, Is.Null);
        Assert.That(ssiad.EG.Coordinates, Is.Null);
        Assert.That(ssiad.EG.PublicServiceParticipation, Is.Null);
        Assert.That(ssiad.EJ!.LegalName, Is.EqualTo("ASSOCIATION D'AIDE A DOMICILE DE CORSE-DU-SUD"));
        Assert.That(_lines.OfType<FinessWarning>().Select(w => w.Message),
            Is.EqualTo(new[] { "EG 1 of EJ 2A0000154: SIRET '4242' is not 14 digits and is left out" }));
    }

    [Test]
    public async Task a_gzip_file_reads_the_same_and_says_it_was_compressed()
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Extracts.Bytes(Extracts.Structures));

        var (info, lines) = await Extracts.ReadAllAsync(compressed.ToArray());

        Assert.That(info.Compressed, Is.True);
        Assert.That(lines, Is.EqualTo(_lines));
    }

    [Test]
    public async Task the_progress_counts_what_was_given_and_what_was_skipped()
    {
        await using var extract = await FinessExtractReader.OpenAsync(new MemoryStream(Extracts.Bytes(Extracts.Structures)));
        await foreach (var _ in extract.ReadAsync()) { }

        var progress = extract.Progress;
        Assert.That((progress.Phase, progress.Establishments, progress.Rejections, progress.Warnings, progress.SkippedClosed, progress.LinesRead),
            Is.EqualTo((FinessReadPhase.Completed, 2L, 1L, 1L, 1L, 3L)));
        Assert.That(progress.BytesRead, Is.GreaterThan(0).And.LessThanOrEqualTo(progress.TotalBytes!.Value));
    }
}
