using System.Text;

namespace RorNational.HostileInput.Tests.Checking;

/// <summary>
/// The failures of a run grouped by category and kind, with one reproducible example each
/// (request, status, body excerpt), so that what is left to fix reads at a glance.
/// </summary>
public sealed class FailureReport(string seed)
{
    private readonly List<Failure> _failures = [];
    private readonly Dictionary<string, int> _sentByCategory = [];

    public int Sent => _sentByCategory.Values.Sum();

    public IReadOnlyList<Failure> Failures => _failures;

    public void Count(string category) => _sentByCategory[category] = _sentByCategory.GetValueOrDefault(category) + 1;

    public void Add(Failure failure)
    {
        lock (_failures) _failures.Add(failure);
    }

    /// <summary>Every failure on one line (category, kind, status, request), for a reader who wants them all.</summary>
    public string Details() => string.Join("\n", _failures
        .OrderBy(f => f.Answer.Request.Category).ThenBy(f => f.Kind).ThenBy(f => f.Answer.Request.Route)
        .Select(f => $"{f.Answer.Request.Category} | {f.Kind} | {f.Answer.Status} | {f.Answer.Request.Method} " +
                     $"{HostileRequest_Excerpt(f.Answer.Request.Path)}{(f.Answer.Request.Body is { } b ? $" [{b.ContentType}, {b.Bytes.Length} bytes: {Requests.HostileRequest.Excerpt(System.Text.Encoding.UTF8.GetString(b.Bytes, 0, Math.Min(b.Bytes.Length, 800)).ReplaceLineEndings(" "), 700)}]" : "")}" +
                     string.Concat(f.Answer.Request.Headers.Select(h => $" [{h.Key}: {h.Value}]")) +
                     $"{(f.Answer.Request.Caller is Requests.Caller.AllRights ? "" : $" as {f.Answer.Request.Caller}")} | {HostileRequest_Excerpt(f.Answer.Body)}"));

    private static string HostileRequest_Excerpt(string text) => Requests.HostileRequest.Excerpt(text.ReplaceLineEndings(" "), 160);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"{_failures.Count} of {Sent} hostile requests failed (seed {seed}; rerun with RORNATIONAL_HOSTILE_SEED={seed}).");
        foreach (var group in _failures.GroupBy(f => (f.Answer.Request.Category, f.Kind)).OrderBy(g => g.Key.Category).ThenBy(g => g.Key.Kind))
        {
            var example = group.First();
            var routes = group.Select(f => f.Answer.Request.Route).Distinct().ToList();
            text.AppendLine();
            text.AppendLine($"## {group.Key.Category}: {group.Key.Kind}: {group.Count()} of {_sentByCategory.GetValueOrDefault(group.Key.Category)} " +
                            $"(routes: {string.Join(", ", routes.Take(6))}{(routes.Count > 6 ? $", +{routes.Count - 6}" : "")})");
            if (example.Detail != "") text.AppendLine($"  {example.Detail}");
            text.AppendLine(Verdict.Describe(example.Answer));
        }
        return text.ToString();
    }
}
