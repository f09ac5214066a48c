using System.Text.RegularExpressions;

namespace FloorServer;

/// <summary>The hand-written SQL of Queries/: a search's page (name.sql) and its total (name.count.sql); the read of a document.</summary>
public sealed partial class Queries
{
    public static readonly IReadOnlyDictionary<string, string> DocumentTables = new Dictionary<string, string>
    {
        ["Organization"] = "mt_doc_organizationdocument",
        ["HealthcareService"] = "mt_doc_healthcareservicedocument",
        ["Location"] = "mt_doc_locationdocument",
    };

    public sealed record SearchQuery(string Page, string Count, IReadOnlyList<string> Parameters);

    private string _read = "";

    public Dictionary<string, SearchQuery> Search { get; } = [];

    public string Read(string table) => _read.Replace("@table", table);

    public static Queries Load(string folder)
    {
        var queries = new Queries { _read = File.ReadAllText(Path.Combine(folder, "read.sql")) };
        foreach (var page in Directory.GetFiles(folder, "*.sql").Where(f => !f.EndsWith(".count.sql") && !f.EndsWith("read.sql")))
        {
            var name = Path.GetFileNameWithoutExtension(page);
            var pageSql = File.ReadAllText(page);
            queries.Search[name] = new SearchQuery(pageSql, File.ReadAllText(Path.ChangeExtension(page, ".count.sql")), ParametersOf(pageSql));
        }
        return queries;
    }

    /// <summary>The @names a query uses, in order of first use.</summary>
    public static IReadOnlyList<string> ParametersOf(string sql) => [.. Parameter().Matches(sql).Select(m => m.Groups[1].Value).Distinct()];

    [GeneratedRegex(@"@([a-z_]+)")]
    private static partial Regex Parameter();
}
