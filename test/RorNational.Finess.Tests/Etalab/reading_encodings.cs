using System.IO.Compression;
using System.Text;

namespace RorNational.Finess.Tests.Etalab;

public sealed class reading_encodings
{
    [Test]
    public async Task a_windows_1252_extract_reads_its_accents()
    {
        var (info, lines) = await Extracts.ReadAllAsync(Extracts.Windows1252);

        var establishments = lines.ByFiness();
        Assert.That(info.Encoding, Is.EqualTo("windows-1252"));
        Assert.That(establishments["010000024"].EG.LongName, Is.EqualTo("HÔPITAL DE BOURG-EN-BRESSE FLEYRIAT"));
        Assert.That(establishments["010000032"].EG.Category!.Label, Is.EqualTo("Etablissement d'hébergement pour personnes âgées dépendantes"));
        Assert.That(establishments["010000024"].EG.Coordinates, Is.Not.Null);
        Assert.That(lines.OfType<FinessRejection>(), Is.Empty);
    }

    [Test]
    public async Task a_utf8_extract_with_a_byte_order_mark_reads_as_one_without()
    {
        var withoutMark = await Extracts.ReadAllAsync(Extracts.Sample);
        var withMark = await Extracts.ReadAllAsync([0xEF, 0xBB, 0xBF, .. Extracts.Bytes(Extracts.Sample)]);

        Assert.That(withMark.Info, Is.EqualTo(withoutMark.Info));
        Assert.That(withMark.Lines, Is.EqualTo(withoutMark.Lines));
        Assert.That(withMark.Lines.ByFiness()["690000013"].EG.LongName, Does.StartWith("HÔPITAL ÉDOUARD"));
    }

    [Test]
    public async Task a_gzip_extract_whose_content_starts_with_a_byte_order_mark_reads_as_one_without()
    {
        var withoutMark = await Extracts.ReadAllAsync(Extracts.Sample);
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write([0xEF, 0xBB, 0xBF, .. Extracts.Bytes(Extracts.Sample)]);

        var withMark = await Extracts.ReadAllAsync(compressed.ToArray());

        Assert.That(withMark.Lines, Is.EqualTo(withoutMark.Lines));
    }

    [Test]
    public async Task the_same_extract_in_utf8_and_in_windows_1252_gives_the_same_establishments()
    {
        var utf8 = Extracts.Bytes(Extracts.Sample);
        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(Encoding.UTF8.GetString(utf8));

        var fromUtf8 = await Extracts.ReadAllAsync(utf8);
        var fromWindows1252 = await Extracts.ReadAllAsync(windows1252);

        Assert.That(fromWindows1252.Info.Encoding, Is.EqualTo("windows-1252"));
        Assert.That(fromWindows1252.Lines, Is.EqualTo(fromUtf8.Lines));
    }
}
