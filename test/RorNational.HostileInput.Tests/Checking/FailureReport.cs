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
