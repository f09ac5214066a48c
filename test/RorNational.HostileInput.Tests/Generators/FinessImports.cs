using System.IO.Compression;
using System.Text;
using CsCheck;
using RorNational.HostileInput.Tests.Requests;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>
/// FINESS extracts that must not change the repository: empty, header-only, cut anywhere,
/// gzip cut short, a line garbled, coordinates of NaN. Files that can be refused at once must
/// be (4xx); a file whose fault shows only while importing may be accepted (202) if, once the
/// import has settled, nothing was closed or changed.
/// </summary>
public static class FinessImports
{
    public const string Route = "POST /api/finess/imports";

    public static RouteGenerator Generator() => new(Route,
        t => Gen.Const(Import(Category.Finess, t.FinessSample, "text/csv", mayBeAccepted: true)),
        Faults, HasBody: true);

    private static HostileRequest Import(string category, byte[] bytes, string? contentType, bool mayBeAccepted) =>
        new(category, Route, HttpMethod.Post, "/api/finess/imports")
        {
            Body = new HostileBody(bytes, contentType),
            MayBeAcceptedWithoutEffect = mayBeAccepted,
        };

    private static Gen<HostileRequest> Faults(Targets targets)
    {
        var sample = targets.FinessSample;
        var text = Encoding.UTF8.GetString(sample);
        var lines = text.Split('\n');
        var header = Encoding.UTF8.GetBytes(lines[0] + "\n");
        var structures = lines.Select((line, i) => (line, i)).Where(l => l.line.StartsWith("structureet;", StringComparison.Ordinal)).Select(l => l.i).ToArray();
        var geolocations = lines.Select((line, i) => (line, i)).Where(l => l.line.StartsWith("geolocalisation;", StringComparison.Ordinal)).Select(l => l.i).ToArray();
        byte[] Refusable(string body) => Encoding.UTF8.GetBytes(body);

        return Gen.OneOf<HostileRequest>(
            // Files with no establishment at all: refused whole.
            Gen.OneOf([Array.Empty<byte>(), header, Refusable("{\"schemaVersion\":\"1\"}"), Refusable("{\"schemaVersion\":\"1\",\"structures\":["),
                    Refusable("{\"schemaVersion\":\"1\",\"structures\":null}"), Refusable("{}"), Refusable("[]"), Gzip(Array.Empty<byte>()), Gzip(header),
                    Refusable("\0\0\0\0"), Refusable("finess;etalab;111;9999-12-31\n"), [0x1f, 0x8b], [0xff, 0xfe, 0x00, 0x00]])
                .Select(bytes => Import(Category.Finess, bytes, "text/csv", mayBeAccepted: false)),
            // A gzip cut short: refused.
            Gen.Int[5, 95].Select(percent => Import(Category.Finess, Gzip(sample)[..^Math.Max(1, Gzip(sample).Length * (100 - percent) / 100)], "application/gzip", false)),
            // Cut anywhere, or after a line: the establishments left out must not be closed.
            Gen.Int[10, 95].Select(percent => Import(Category.Finess, sample[..(sample.Length * percent / 100)], "text/csv", true)),
            Gen.Int[2, lines.Length - 2].Select(count => Import(Category.Finess, Encoding.UTF8.GetBytes(string.Join('\n', lines[..count]) + "\n"), "text/csv", true)),
            // One establishment line garbled: rejected, and its EG is not closed for it.
            Gen.Select(Gen.OneOf(structures), Gen.OneOf("garbled", "structureet;12;;", "structureet;\0;x", "structureet"),
                (index, garbage) => Import(Category.Finess, Replace(lines, index, garbage), "text/csv", true)),
            // Coordinates that are not numbers: that line rejected, the import goes on, coordinates kept.
            Gen.Select(Gen.OneOf(geolocations), Gen.OneOf("NaN;Infinity", "Infinity;-Infinity", "1e400;1e400", ";", "999999999999;999999999999"),
                (index, coordinates) => Import(Category.Coordinates, Replace(lines, index, GeolocationWith(lines[index], coordinates)), "text/csv", true)));
    }

    private static byte[] Replace(string[] lines, int index, string line)
    {
        var copy = lines.ToArray();
        copy[index] = line;
        return Encoding.UTF8.GetBytes(string.Join('\n', copy));
    }

    private static string GeolocationWith(string line, string coordinates)
    {
        var fields = line.Split(';');
        var xy = coordinates.Split(';');
        fields[2] = xy[0];
        fields[3] = xy.Length > 1 ? xy[1] : "";
        return string.Join(';', fields);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(bytes);
        return output.ToArray();
    }
}
