using System.Text;
using CsCheck;

namespace RorNational.HostileInput.Tests.Requests;

/// <summary>Values no client should send, shared by the generators.</summary>
public static class Malformed
{
    /// <summary>Ids that name nothing, or are not ids at all (already escaped for a URL path).</summary>
    /// <remarks>
    /// No %00 in a path: Kestrel itself refuses it (400 with no body) before the application
    /// sees the request, so no application change could give it an OperationOutcome.
    /// </remarks>
    public static readonly Gen<string> PathIds = Gen.OneOf(
        "does-not-exist", "eg-000000000", new string('a', 3000), "%FF%FE", "%C0%AF",
        "..%2F..%2Fetc%2Fpasswd", "%E2%80%AE", "%20", "%7Bid%7D", "-1", "null");

    /// <summary>Strings that break a naive server: NUL, lone surrogate (as JSON escapes).</summary>
    public static readonly Gen<string> JsonStringEscapes = Gen.OneOf(@"ab\u0000cd", @"\u0000", @"\ud800", @"x\udfffy", @"\ud800\ud800");

    public static readonly Gen<string> HugeDecimals = Gen.OneOf(
        "79228162514264337593543950335", "79228162514264337593543950336", "-79228162514264337593543950336",
        "1.000000000000000000000000000000", "1e400", "-1e400", "99999999999999999999999999999999999999",
        "1.0000000000000000000000000000001e28");

    /// <summary>Valid FHIR dates at the end of the calendar (and its time zones): a search must answer them or refuse them, not fail.</summary>
    public static readonly Gen<string> Year9999Dates = Gen.OneOf(
        "9999", "9999-12-31T23:59Z", "9999-12-31T23:59:59.999+14:00", "9999-12-31T23:59:59.999-14:00", "ge9999-12-31", "lt9999-12-31T23:59Z",
        "eb9999-12", "sa9999-12-31", "ne9999-12-31T23:59:59Z");

    /// <summary>Dates outside FHIR's calendar.</summary>
    public static readonly Gen<string> ImpossibleDates = Gen.OneOf("10000-01-01", "ge0000-01-01", "0000", "sa99999", "2026-02-30", "2026-13-01");

    /// <summary>Cursors a client could forge: base64 of JSON without keys, with nulls, huge, garbage.</summary>
    public static readonly Gen<string> Cursors = Gen.OneOf(
        "e30", "W10", "bnVsbA", "eyJrIjpbbnVsbF19", "eyJrZXlzIjpudWxsfQ", "eyJpZCI6MX0", "%00", "AAAA", "!!!!",
        "eyJrIjpbIjk5OTktMTItMzFUMjM6NTk6NTlaIiwiYSJdfQ", "eyJrIjpbeyJhIjoxfV19", "eyJrIjpbMWU0MDBdfQ",
        new string('A', 6000), "e30%00", "eyJrIjpbIlx1MDAwMCJdfQ", "////", "e30=", "e3");

    public static string Repeat(string text, int count, string separator = "") => string.Join(separator, Enumerable.Repeat(text, count));

    /// <summary>A string of this many bytes, for fields that have (or should have) a length bound.</summary>
    public static string Long(int length) => new('x', length);

    /// <summary>A body over any sensible limit (beyond Kestrel's default of 30 MB), shared by all oversized requests.</summary>
    public static readonly Lazy<byte[]> OversizedJson = new(() =>
    {
        var bytes = new byte[31 * 1024 * 1024 + 17];
        var prefix = Encoding.ASCII.GetBytes("{\"reason\":\"");
        bytes.AsSpan().Fill((byte)'x');
        prefix.CopyTo(bytes, 0);
        bytes[^2] = (byte)'"';
        bytes[^1] = (byte)'}';
        return bytes;
    });

    /// <summary>Bytes that are not UTF-8, inside an otherwise valid JSON string: {"field": "a\xC3\x28b"}.</summary>
    public static byte[] InvalidUtf8Json(string before, string after) =>
        [.. Encoding.UTF8.GetBytes(before), 0x61, 0xC3, 0x28, 0xFF, 0xFE, 0x62, .. Encoding.UTF8.GetBytes(after)];

    /// <summary>A raw NUL byte inside a JSON string (not escaped: invalid JSON).</summary>
    public static byte[] RawNulJson(string before, string after) =>
        [.. Encoding.UTF8.GetBytes(before), 0x61, 0x00, 0x62, .. Encoding.UTF8.GetBytes(after)];
}
