using System.Collections.ObjectModel;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace RorNational.ReferenceData;

/// <summary>
/// The embedded resource written by build/reference-data/extract.js, gzipped JSON:
/// <code>
/// { "sources": { "&lt;package&gt;": "&lt;version&gt;" },
///   "regions": [ { "code", "name", "zone" } ],
///   "departements": [ { "code", "name", "region", "zone" } ],
///   "communes": [ [ cog, name, département, [ postal codes ], latitude | null, longitude | null, (parent) ] ],
///   "formerCodes": { "&lt;former COG&gt;": "&lt;current COG&gt;" } }
/// </code>
/// in that order (a commune refers to its département). Read in one pass with Utf8JsonReader,
/// straight into the final objects (communes are arrays: half the tokens) and sharing the strings that repeat (département and postal
/// codes): several times faster and leaner than JsonSerializer on 35,000 small objects.
/// </summary>
internal sealed class TerritoryFile
{
    public IReadOnlyDictionary<string, string> Sources { get; private set; } = ReadOnlyDictionary<string, string>.Empty;
    public Region[] Regions { get; private set; } = [];
    public Departement[] Departements { get; private set; } = [];
    public Commune[] Communes { get; private set; } = [];
    public Dictionary<string, string> FormerCodes { get; private set; } = [];

    private readonly Dictionary<string, Departement> departementsByCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> sharedStrings = new(StringComparer.Ordinal);
    private readonly List<string> postalCodesBuffer = new(32);

    private TerritoryFile()
    {
    }

    public static TerritoryFile Read(Stream gzippedJson)
    {
        byte[] json;
        using (var gzip = new GZipStream(gzippedJson, CompressionMode.Decompress, leaveOpen: true))
        {
            using var buffer = new MemoryStream(UncompressedLengthHint(gzippedJson));
            gzip.CopyTo(buffer);
            json = buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
        }
        return Parse(json);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // run once, on 35,000 items: skip tier-0 code
    public static TerritoryFile Parse(ReadOnlySpan<byte> json)
    {
        var file = new TerritoryFile();
        var reader = new Utf8JsonReader(json);
        Read(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("sources"u8)) file.Sources = ReadStringMap(ref reader).AsReadOnly();
            else if (reader.ValueTextEquals("regions"u8)) file.Regions = ReadArray(ref reader, file.ReadRegion);
            else if (reader.ValueTextEquals("departements"u8)) file.ReadDepartements(ref reader);
            else if (reader.ValueTextEquals("communes"u8)) file.Communes = ReadArray(ref reader, file.ReadCommune);
            else if (reader.ValueTextEquals("formerCodes"u8)) file.FormerCodes = ReadStringMap(ref reader);
            else Skip(ref reader);
        }
        if (file.Communes.Length == 0) throw Invalid("no communes");
        return file;
    }

    private Region ReadRegion(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        string? code = null, name = null;
        TerritoryZone? zone = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("code"u8)) code = ReadString(ref reader);
            else if (reader.ValueTextEquals("name"u8)) name = ReadString(ref reader);
            else if (reader.ValueTextEquals("zone"u8)) zone = ReadZone(ref reader);
            else Skip(ref reader);
        }
        return new Region(code ?? throw Missing("region code"), name ?? throw Missing($"name of région {code}"), zone ?? throw Missing($"zone of région {code}"));
    }

    private void ReadDepartements(ref Utf8JsonReader reader)
    {
        var regionCodes = Regions.ToDictionary(r => r.Code, r => r.Code, StringComparer.Ordinal);
        if (regionCodes.Count == 0) throw Invalid("the régions must come before the départements");
        Departements = ReadArray(ref reader, (ref Utf8JsonReader item) =>
        {
            Expect(ref item, JsonTokenType.StartObject);
            string? code = null, name = null, region = null;
            TerritoryZone? zone = null;
            while (NextProperty(ref item))
            {
                if (item.ValueTextEquals("code"u8)) code = ReadString(ref item);
                else if (item.ValueTextEquals("name"u8)) name = ReadString(ref item);
                else if (item.ValueTextEquals("region"u8)) region = ReadString(ref item);
                else if (item.ValueTextEquals("zone"u8)) zone = ReadZone(ref item);
                else Skip(ref item);
            }
            if (code is null) throw Missing("département code");
            var departement = new Departement(
                code, name ?? throw Missing($"name of département {code}"),
                regionCodes.GetValueOrDefault(region ?? throw Missing($"région of département {code}")) ?? throw Invalid($"département {code}: unknown région {region}"),
                zone ?? throw Missing($"zone of département {code}"));
            if (!departementsByCode.TryAdd(code, departement)) throw Invalid($"département {code} twice");
            return departement;
        });
    }

    /// <summary>[cog, name, département, [postal codes], latitude | null, longitude | null, (parent)]</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // run once, on 35,000 items: skip tier-0 code
    private Commune ReadCommune(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        var cog = ReadString(ref reader);
        var name = ReadString(ref reader);
        var departementCode = ReadSharedString(ref reader);
        var departement = departementsByCode.GetValueOrDefault(departementCode)
            ?? throw Invalid($"commune {cog}: unknown département {departementCode}");
        var postalCodes = ReadPostalCodes(ref reader);
        var latitude = ReadOptionalDouble(ref reader);
        var longitude = ReadOptionalDouble(ref reader);
        string? parent = null;
        if (Next(ref reader) != JsonTokenType.EndArray)
        {
            Expect(ref reader, JsonTokenType.String);
            parent = SharedString(ref reader);
            Read(ref reader, JsonTokenType.EndArray);
        }
        GeoPoint? centroid = (latitude, longitude) is ({ } lat, { } lon) ? new GeoPoint(lat, lon) : null;
        return new Commune(cog, name, departement.Code, departement.RegionCode, postalCodes, centroid, parent);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // run once, on 35,000 items: skip tier-0 code
    private IReadOnlyList<string> ReadPostalCodes(ref Utf8JsonReader reader)
    {
        Read(ref reader, JsonTokenType.StartArray);
        postalCodesBuffer.Clear();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            Expect(ref reader, JsonTokenType.String);
            postalCodesBuffer.Add(SharedString(ref reader));
        }
        return postalCodesBuffer.Count == 0 ? ReadOnlyCollection<string>.Empty : postalCodesBuffer.ToArray().AsReadOnly();
    }

    private string ReadSharedString(ref Utf8JsonReader reader)
    {
        Read(ref reader, JsonTokenType.String);
        return SharedString(ref reader);
    }

    /// <summary>The current string token, as the one instance of that string in the territory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // run once, on 35,000 items: skip tier-0 code
    private string SharedString(ref Utf8JsonReader reader)
    {
        Span<char> chars = stackalloc char[16];
        if (reader.HasValueSequence || reader.ValueSpan.Length > chars.Length)
            return reader.GetString()!;
        var length = reader.CopyString(chars);
        var lookup = sharedStrings.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars[..length], out var shared)) return shared;
        var value = new string(chars[..length]);
        sharedStrings.Add(value, value);
        return value;
    }

    private static TerritoryZone ReadZone(ref Utf8JsonReader reader)
    {
        Read(ref reader, JsonTokenType.String);
        if (reader.ValueTextEquals("metro"u8)) return TerritoryZone.Metropole;
        if (reader.ValueTextEquals("drom"u8)) return TerritoryZone.OverseasDepartement;
        if (reader.ValueTextEquals("com"u8)) return TerritoryZone.OverseasCollectivity;
        throw Invalid($"unknown zone {reader.GetString()}");
    }

    private delegate T ItemReader<out T>(ref Utf8JsonReader reader);

    /// <summary>Reads an array; each item's reader starts on the item's first token.</summary>
    private static T[] ReadArray<T>(ref Utf8JsonReader reader, ItemReader<T> item)
    {
        Read(ref reader, JsonTokenType.StartArray);
        var items = new List<T>();
        while (Next(ref reader) != JsonTokenType.EndArray) items.Add(item(ref reader));
        return [.. items];
    }

    private static Dictionary<string, string> ReadStringMap(ref Utf8JsonReader reader)
    {
        Read(ref reader, JsonTokenType.StartObject);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (NextProperty(ref reader))
        {
            var key = reader.GetString()!;
            map[key] = ReadString(ref reader);
        }
        return map;
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader) => Next(ref reader) switch
    {
        JsonTokenType.PropertyName => true,
        JsonTokenType.EndObject => false,
        _ => throw Unexpected(ref reader, JsonTokenType.PropertyName),
    };

    private static string ReadString(ref Utf8JsonReader reader)
    {
        Read(ref reader, JsonTokenType.String);
        return reader.GetString()!;
    }

    private static double? ReadOptionalDouble(ref Utf8JsonReader reader) => Next(ref reader) switch
    {
        JsonTokenType.Number => reader.GetDouble(),
        JsonTokenType.Null => null,
        _ => throw Unexpected(ref reader, JsonTokenType.Number),
    };

    private static void Skip(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        reader.Skip();
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw Invalid("the file ends too early");

    private static void Read(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        Next(ref reader);
        Expect(ref reader, expected);
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        if (reader.TokenType != expected) throw Unexpected(ref reader, expected);
    }

    /// <summary>gzip ends with the uncompressed length modulo 2^32; 0 (no hint) when unknown.</summary>
    private static int UncompressedLengthHint(Stream gzipped)
    {
        if (!gzipped.CanSeek || gzipped.Length < 18) return 0;
        var start = gzipped.Position;
        Span<byte> trailer = stackalloc byte[4];
        gzipped.Seek(-4, SeekOrigin.End);
        gzipped.ReadExactly(trailer);
        gzipped.Position = start;
        var length = BitConverter.ToUInt32(trailer); // little-endian in gzip, as on every .NET platform
        return length is > 0 and < 256 * 1024 * 1024 ? (int)length : 0;
    }

    private static InvalidDataException Unexpected(ref Utf8JsonReader reader, JsonTokenType expected) =>
        Invalid($"{expected} expected, {reader.TokenType} found at byte {reader.TokenStartIndex}");

    private static InvalidDataException Missing(string what) => Invalid($"{what} missing");

    internal static InvalidDataException Invalid(string message) => new($"French territorial reference data: {message}");
}
