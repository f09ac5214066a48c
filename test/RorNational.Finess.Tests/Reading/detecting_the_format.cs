using System.IO.Compression;
using System.Text;

namespace RorNational.Finess.Tests.Reading;

public sealed class detecting_the_format
{
    [TestCase("nofinesset;nofinessej;rs\n010000024;010780054;CH DE FLEYRIAT\n", "Unknown format", TestName = "a CSV with a header of its own")]
    [TestCase("", "Unknown format", TestName = "an empty file")]
    [TestCase("structureet;010000024;010780054;CH DE FLEYRIAT\n", "no first line 'finess;etalab", TestName = "an etalab extract without its first line")]
    [TestCase("finess;etalab;111\nstructureet;010000024\n", "first line of an etalab FINESS extract", TestName = "a first line without date")]
    [TestCase("finess;etalab;111;mai 2026\n", "expected yyyy-MM-dd", TestName = "a first line with a date in words")]
    [TestCase("finess,etalab,111,2026-05-12\nstructureet,010000024\n", "re-saved by a spreadsheet", TestName = "an etalab extract saved with commas")]
    [TestCase("{\"schemaVersion\": \"v1.0.0\", \"pmej\": [{\"informationsGeneralesPMEJ\": {}}, {\"informationsGeneralesPMEJ\": ", "not readable JSON", TestName = "a JSON file cut after its first entry")]
    [TestCase("[1, 2, 3]", "Unknown format", TestName = "a JSON array")]
    [TestCase("{\"type\": \"FeatureCollection\", \"features\": []}", "not a FINESS Structures extract", TestName = "another JSON object")]
    [TestCase("{\"schemaVersion\": \"v2.0.0\", \"pmej\": []}", "schema v2.0.0 is not supported", TestName = "a later schema")]
    [TestCase("{\"schemaVersion\": \"v1.0.0\", \"pmej\": [", "not readable JSON", TestName = "a truncated JSON file")]
    [TestCase("\u001F\u008B\u0008\u0000not really deflate data", "decompressed", TestName = "a damaged gzip file")]
    [TestCase("PK\u0003\u0004rest of a zip archive", "zip archive", TestName = "a zip archive")]
    public void a_file_in_no_known_format_is_refused_with_the_reason(string content, string reason)
    {
        var refusal = Assert.ThrowsAsync<FinessExtractRefused>(() => Extracts.ReadAllAsync(Encoding.Latin1.GetBytes(content)));

        Assert.That(refusal!.Reason, Does.Contain(reason));
    }

    [Test]
    public void the_finess_activities_dataset_is_refused_as_not_describing_establishments()
    {
        var refusal = Assert.ThrowsAsync<FinessExtractRefused>(() => Extracts.ReadAllAsync(Extracts.Activities));

        Assert.That(refusal!.Reason, Does.Contain("FINESS Activités"));
    }

    [TestCase(Extracts.Sample, FinessExtractFormat.Etalab)]
    [TestCase(Extracts.Windows1252, FinessExtractFormat.Etalab)]
    [TestCase(Extracts.Structures, FinessExtractFormat.FinessStructures)]
    public async Task the_format_comes_from_the_content_compressed_or_not(string file, FinessExtractFormat format)
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Extracts.Bytes(file));

        var plain = await Extracts.ReadAllAsync(file);
        var gzipped = await Extracts.ReadAllAsync(compressed.ToArray());

        Assert.That(plain.Info.Format, Is.EqualTo(format));
        Assert.That(gzipped.Info, Is.EqualTo(plain.Info with { Compressed = true }));
        Assert.That(gzipped.Lines, Is.EqualTo(plain.Lines));
    }
}
