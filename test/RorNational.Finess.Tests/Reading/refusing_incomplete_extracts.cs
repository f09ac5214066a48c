using System.IO.Compression;
using System.Text;

namespace RorNational.Finess.Tests.Reading;

/// <summary>
/// A full extract closes whatever it does not list, so a file that cannot be the whole
/// extract is refused when it is opened, before any line is given.
/// </summary>
public sealed class refusing_incomplete_extracts
{
    private static byte[] Gzip(byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(content);
        return compressed.ToArray();
    }

    [TestCase(Extracts.Sample, 0.8)]
    [TestCase(Extracts.Sample, 0.99)]
    [TestCase(Extracts.Structures, 0.8)]
    public void a_gzip_file_cut_short_is_refused(string file, double kept)
    {
        var whole = Gzip(Extracts.Bytes(file));

        var refusal = Assert.ThrowsAsync<FinessExtractRefused>(() => Extracts.ReadAllAsync(whole[..(int)(whole.Length * kept)]));

        Assert.That(refusal!.Reason, Does.Contain("gzip file is cut short"));
    }

    [TestCase(1)]
    [TestCase(4)]
    [TestCase(7)]
    public void a_gzip_file_cut_in_its_trailer_is_refused(int missingBytes)
    {
        var whole = Gzip(Extracts.Bytes(Extracts.Sample));

        Assert.ThrowsAsync<FinessExtractRefused>(() => Extracts.ReadAllAsync(whole[..^missingBytes]));
    }

    [Test]
    public async Task a_whole_gzip_file_read_from_a_stream_that_cannot_seek_is_accepted()
    {
        var whole = Gzip(Extracts.Bytes(Extracts.Sample));

        await using var extract = await FinessExtractReader.OpenAsync(new UnseekableStream(whole));

        Assert.That(extract.Info.Compressed, Is.True);
    }

    [TestCase("finess;etalab;111;2026-05-12\n", TestName = "an etalab extract of its first line only")]
    [TestCase("finess;etalab;111;2026-05-12\ngeolocalisation;690000013;843762.2;6520616.4;1,ATLASANTE,96,BAN,EPSG:2154;2026-05-04\n",
        TestName = "an etalab extract of geolocation lines only")]
    public void an_etalab_extract_without_establishment_is_refused(string content)
    {
        var refusal = Assert.ThrowsAsync<FinessExtractRefused>(() => Extracts.ReadAllAsync(Encoding.UTF8.GetBytes(content)));

        Assert.That(refusal!.Reason, Does.Contain("lists no establishment"));
    }

    [TestCase("{\"schemaVersion\":\"1\"}", "no 'pmej' array", TestName = "a FINESS Structures file without its array")]
    [TestCase("{\"schemaVersion\":\"v1.0.0\",\"pmej\":null}", "no 'pmej' array", TestName = "a FINESS Structures file whose array is null")]
    [TestCase("{\"schemaVersion\":\"v1.0.0\",\"pmej\":{}}", "no 'pmej' array", TestName = "a FINESS Structures file whose array is an object")]
    [TestCase("{\"schemaVersion\":\"v1.0.0\",\"pmej\":[]}", "lists no structure", TestName = "a FINESS Structures file whose array is empty")]
    public void a_finess_structures_file_without_a_complete_array_of_structures_is_refused(string content, string reason)
    {
        var refusal = Assert.ThrowsAsync<FinessExtractRefused>(() => Extracts.ReadAllAsync(Encoding.UTF8.GetBytes(content)));

        Assert.That(refusal!.Reason, Does.Contain(reason));
    }

    [Test]
    public void a_finess_structures_file_cut_inside_its_array_is_refused()
    {
        var whole = Extracts.Text(Extracts.Structures);
        var cut = whole[..whole.IndexOf("\"numFinessPm\": \"2A0000154\"", StringComparison.Ordinal)];

        var refusal = Assert.ThrowsAsync<FinessExtractRefused>(() => Extracts.ReadAllAsync(Encoding.UTF8.GetBytes(cut)));

        Assert.That(refusal!.Reason, Does.Contain("not readable JSON"));
    }

    private sealed class UnseekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
