using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RorNational.IntegrationTests.Samples;

/// <summary>
/// A .http file of samples/ (VS Code REST Client syntax) read as its user's client would:
/// file variables (<c>@name = value</c>), requests separated by <c>###</c> lines whose text is
/// the title, <c># @name</c> to refer to a response later
/// (<c>{{name.response.body.$.entry[0].resource.id}}</c>), <c>{{$datetime iso8601}}</c> and
/// <c>{{$guid}}</c>. Each title announces the status expected (<c>→ 404 ...</c>).
/// </summary>
public sealed partial class HttpFile
{
    public sealed record Request(string Title, string? Name, string Method, string Url, IReadOnlyList<(string Name, string Value)> Headers, string Body)
    {
        public HttpStatusCode Expected => ExpectedStatus().Match(Title) is { Success: true } match
            ? (HttpStatusCode)int.Parse(match.Groups[1].Value)
            : throw new FormatException($"the title of '{Title}' announces no status (→ NNN)");
    }

    public IReadOnlyDictionary<string, string> Variables { get; }
    public IReadOnlyList<Request> Requests { get; }

    private readonly Dictionary<string, JsonNode?> _responses = [];

    private HttpFile(IReadOnlyDictionary<string, string> variables, IReadOnlyList<Request> requests) => (Variables, Requests) = (variables, requests);

    public static HttpFile Read(string path)
    {
        var variables = new Dictionary<string, string>();
        var requests = new List<Request>();
        var blocks = new List<(string Title, List<string> Lines)>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.StartsWith("###", StringComparison.Ordinal)) blocks.Add((line[3..].Trim(), []));
            else if (blocks.Count == 0 && FileVariable().Match(line) is { Success: true } variable) variables[variable.Groups[1].Value] = variable.Groups[2].Value.Trim();
            else if (blocks.Count > 0) blocks[^1].Lines.Add(line);
        }
        foreach (var (title, lines) in blocks)
        {
            string? name = null;
            var i = 0;
            for (; i < lines.Count && (lines[i].Length == 0 || lines[i].StartsWith('#')); i++)
                if (RequestName().Match(lines[i]) is { Success: true } named) name = named.Groups[1].Value;
            if (i == lines.Count) continue;
            var requestLine = lines[i++].Split(' ', 2);
            var headers = new List<(string, string)>();
            for (; i < lines.Count && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':');
                headers.Add((lines[i][..colon].Trim(), lines[i][(colon + 1)..].Trim()));
            }
            var body = string.Join('\n', lines.Skip(i)).Trim();
            requests.Add(new Request(title, name, requestLine[0], requestLine[1].Trim(), headers, body));
        }
        return new HttpFile(variables, requests);
    }

    /// <summary>
    /// Sends one request with the variables (the file's, overridden by <paramref name="values"/>, which may also
    /// set <c>$datetime iso8601</c>: the server's clock) and the earlier named responses.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, Request request, IReadOnlyDictionary<string, string> values)
    {
        string Expand(string text) => Reference().Replace(text, match => Resolve(match.Groups[1].Value.Trim(), values));
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), Expand(request.Url));
        var contentType = "application/json";
        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) contentType = value;
            else message.Headers.TryAddWithoutValidation(name, Expand(value));
        }
        if (request.Body.Length > 0) message.Content = new StringContent(Expand(request.Body), Encoding.UTF8, contentType);
        using var response = await client.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        if (request.Name is { } responseName) _responses[responseName] = body.Length > 0 ? JsonNode.Parse(body) : null;
        return (response.StatusCode, body);
    }

    private string Resolve(string reference, IReadOnlyDictionary<string, string> values)
    {
        if (values.TryGetValue(reference, out var value) || Variables.TryGetValue(reference, out value)) return value;
        if (reference == "$datetime iso8601") return DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        if (reference == "$guid") return Guid.NewGuid().ToString();
        var parts = reference.Split(".response.body.$.", 2);
        if (parts.Length == 2 && _responses.TryGetValue(parts[0], out var node))
        {
            foreach (var step in JsonPathStep().Matches(parts[1]).Select(m => m.Value))
                node = step.StartsWith('[') ? node?[int.Parse(step[1..^1])] : node?[step.TrimStart('.')];
            return node?.GetValue<string>() ?? throw new InvalidOperationException($"{{{{{reference}}}}} is not in the response");
        }
        throw new InvalidOperationException($"{{{{{reference}}}}} is neither a variable nor a named response");
    }

    [GeneratedRegex(@"→ (\d{3})")]
    private static partial Regex ExpectedStatus();

    [GeneratedRegex(@"^@([A-Za-z0-9_]+)\s*=\s*(.*)$")]
    private static partial Regex FileVariable();

    [GeneratedRegex(@"^#\s*@name\s+(\S+)")]
    private static partial Regex RequestName();

    [GeneratedRegex(@"\{\{(.+?)\}\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\.?[^.\[]+|\[\d+\]")]
    private static partial Regex JsonPathStep();
}
