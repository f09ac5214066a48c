using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RorNational.Fhir.Search.Indexing;

/// <summary>
/// How strings are compared by search: without accents, in lower case, whitespace collapsed.
/// "Hôpital  Saint-Étienne" and "hopital saint-etienne" normalize alike.
/// </summary>
public static partial class TextNormalizer
{
    public static string Normalize(string value)
    {
        var decomposed = value.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            AppendUnligatured(builder, char.ToLowerInvariant(c));
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The words of a text, letters and digits only: what _content indexes and looks for.</summary>
    public static IEnumerable<string> Words(string value) =>
        NonWord().Split(Normalize(value)).Where(w => w.Length > 0);

    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial Regex NonWord();

    private static void AppendUnligatured(StringBuilder builder, char c)
    {
        switch (c)
        {
            case 'œ': builder.Append("oe"); break;
            case 'æ': builder.Append("ae"); break;
            case 'ß': builder.Append("ss"); break;
            default: builder.Append(c); break;
        }
    }
}
