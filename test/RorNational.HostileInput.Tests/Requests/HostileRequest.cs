using System.Text;

namespace RorNational.HostileInput.Tests.Requests;

/// <summary>Who a request claims to be: the default client with every right, nobody, or this raw Authorization header.</summary>
public abstract record Caller
{
    public sealed record AllRights : Caller;
    public sealed record Anonymous : Caller;
    public sealed record Client(string ClientId) : Caller;
    public sealed record RawAuthorization(string Header) : Caller;

    public static readonly Caller Default = new AllRights();
}

/// <summary>A request body as bytes, so that it can be anything a client could send.</summary>
public sealed record HostileBody(byte[] Bytes, string? ContentType)
{
    public static HostileBody Json(string json, string contentType = "application/json") => new(Encoding.UTF8.GetBytes(json), contentType);

    public static HostileBody Text(string text, string? contentType) => new(Encoding.UTF8.GetBytes(text), contentType);
}

/// <summary>
/// One malformed request: its category (a line of issue 10), the route it aims at (as the
/// host registers it), and everything needed to send it again.
/// </summary>
public sealed record HostileRequest(string Category, string Route, HttpMethod Method, string Path)
{
    public HostileBody? Body { get; init; }
    public Caller Caller { get; init; } = Caller.Default;
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>A FINESS import is asynchronous: 202 is acceptable if, once settled, it changed nothing.</summary>
    public bool MayBeAcceptedWithoutEffect { get; init; }

    /// <summary>An odd but valid read (a search date in year 9999): an answer is as right as a 4xx; a 5xx is not.</summary>
    public bool MayBeAnswered { get; init; }

    /// <summary>A batch of broken entries: a 200 batch-response is right if it refuses every entry with a 4xx and its OperationOutcome.</summary>
    public bool AnsweredPerEntry { get; init; }

    /// <summary>Whether the request could write: anything but GET, HEAD and POST _search (a search with a form body).</summary>
    public bool Writes => Method != HttpMethod.Get && Method != HttpMethod.Head
        && !(Method == HttpMethod.Post && Path.EndsWith("/_search", StringComparison.Ordinal));

    public HostileRequest WithHeader(string name, string value) => this with { Headers = [.. Headers, new(name, value)] };

    /// <summary>The request as a reader can replay it: method, path, headers, caller, body excerpt.</summary>
    public string Describe()
    {
        var text = new StringBuilder($"{Method} {Excerpt(Path, 600)}");
        foreach (var (name, value) in Headers) text.Append($"\n  {name}: {Excerpt(value, 120)}");
        text.Append($"\n  caller: {Caller switch
        {
            Caller.AllRights => "test-all-rights",
            Caller.Anonymous => "anonymous",
            Caller.Client client => client.ClientId,
            Caller.RawAuthorization raw => "Authorization: " + Excerpt(raw.Header, 120),
            _ => "?",
        }}");
        if (Body is not null)
            text.Append($"\n  Content-Type: {Body.ContentType ?? "(none)"}\n  body ({Body.Bytes.Length} bytes): {Excerpt(Printable(Body.Bytes), 1200)}");
        return text.ToString();
    }

    public static string Excerpt(string text, int length) =>
        text.Length <= length ? text : text[..length] + $"… ({text.Length} chars)";

    private static string Printable(byte[] bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes.AsSpan(0, Math.Min(bytes.Length, 1500)))
            text.Append(b is >= 0x20 and < 0x7f ? (char)b : $"\\x{b:x2}");
        return text.ToString();
    }
}
