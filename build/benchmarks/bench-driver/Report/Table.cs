using System.Globalization;
using System.Text;

namespace Bench.Report;

/// <summary>The one table build/bench prints (also written, as Markdown, into the JSON's folder).</summary>
public static class Table
{
    private static readonly string[] Headers = ["workload", "throughput", "p50 ms", "p95 ms", "p99 ms", "ratio to limits", "target", "pass/fail"];

    public static string Markdown(IReadOnlyList<Row> rows)
    {
        var lines = new List<string[]> { Headers };
        lines.AddRange(rows.Select(Cells));
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", Headers) + " |");
        text.AppendLine("|" + string.Concat(Headers.Select(_ => " --- |")));
        foreach (var cells in lines.Skip(1)) text.AppendLine("| " + string.Join(" | ", cells) + " |");
        return text.ToString();
    }

    private static string[] Cells(Row row) =>
    [
        row.Workload,
        row.Error is null ? $"{Number(row.Throughput)} {row.Unit}".Trim() : "ERROR",
        Number(row.P50), Number(row.P95), Number(row.P99),
        row.Ratio,
        row.Target,
        row.Error is not null ? $"broken: {row.Error.Replace('|', '/')}" : row.Pass switch { true => "pass", false => "FAIL", null => "" },
    ];

    private static string Number(double value) =>
        double.IsNaN(value) ? "" : value >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture);
}
