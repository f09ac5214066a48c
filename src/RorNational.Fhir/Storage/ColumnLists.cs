namespace RorNational.Fhir.Storage;

/// <summary>Column lists of hand-written statements ("id, sequence, json").</summary>
public static class ColumnLists
{
    /// <summary>Each column of the list prefixed by a table's alias: "p.id, p.sequence, p.json".</summary>
    public static string Qualified(string alias, string columns) =>
        string.Join(", ", columns.Split(", ").Select(column => $"{alias}.{column}"));
}
