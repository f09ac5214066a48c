using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Bench.Limits;

/// <summary>
/// pgbench scripts from the floor server's SQL (build/benchmarks/floor-server/Queries): each
/// @parameter becomes the :i-th element of an array literal of the workload's values, :i drawn
/// at random per transaction, so pgbench runs the same queries with the same ids as the host.
/// </summary>
public static partial class PgbenchScripts
{
    /// <summary>One script running <paramref name="files"/> (page and count) for the rows of <paramref name="values"/> (parameter name to value).</summary>
    public static string For(string queries, IReadOnlyList<string> files, IReadOnlyList<IReadOnlyDictionary<string, string>> values) =>
        ForSql([.. files.Select(file => File.ReadAllText(Path.Combine(queries, file)))], values);

    /// <summary>The same, from SQL texts.</summary>
    public static string ForSql(IReadOnlyList<string> statements, IReadOnlyList<IReadOnlyDictionary<string, string>> values)
    {
        var script = new StringBuilder();
        script.AppendLine($"\\set i random(1, {Math.Max(1, values.Count)})");
        foreach (var statement in statements)
        {
            var sql = string.Join('\n', statement.Split('\n').Where(l => !l.TrimStart().StartsWith("--")));
            script.AppendLine(Parameter().Replace(sql, m => Array(m.Groups[1].Value, values)).TrimEnd().TrimEnd(';') + ";");
        }
        return script.ToString();
    }

    private static string Array(string name, IReadOnlyList<IReadOnlyDictionary<string, string>> values)
    {
        var literals = values.Count == 0 ? ["''"] : values.Select(v => Literal(name, v[name]));
        return $"(ARRAY[{string.Join(",", literals)}])[:i]";
    }

    private static string Literal(string name, string value) => name switch
    {
        "age" => int.Parse(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        "since" or "after_updated" => $"'{value}'::timestamptz",
        _ => $"'{value.Replace("'", "''")}'::text",
    };

    [GeneratedRegex(@"@([a-z_]+)")]
    private static partial Regex Parameter();
}
