using System.Globalization;
using System.Text;

namespace RorNational.Fhir.Storage;

/// <summary>
/// PostgreSQL array literals ("{8,12}", "{\"a\",\"b\"}"), for a statement that unnests one row's
/// array per element of a parameter: unnest would flatten an array of arrays, so each row's
/// array goes as its literal's text, cast back in SQL (<c>r.c::integer[]</c>).
/// </summary>
public static class ArrayLiterals
{
    public static string Of(IEnumerable<int> values) =>
        "{" + string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "}";

    /// <summary>Each element quoted, its backslashes and quotes escaped: any text reads back as given.</summary>
    public static string Of(IEnumerable<string> values)
    {
        var text = new StringBuilder("{");
        foreach (var value in values)
        {
            if (text.Length > 1) text.Append(',');
            text.Append('"').Append(value.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
        }
        return text.Append('}').ToString();
    }
}
