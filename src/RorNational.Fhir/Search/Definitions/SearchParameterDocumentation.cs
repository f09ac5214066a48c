using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace RorNational.Fhir.Search.Definitions;

/// <summary>The README's list of supported search parameters, generated from the catalog.</summary>
public static class SearchParameterDocumentation
{
    public const string Start = "<!-- search-parameters: generated from fhir-profiles/SearchParameter by a test, do not edit -->";
    public const string End = "<!-- /search-parameters -->";

    public static string Markdown(SearchParameterCatalog catalog)
    {
        var text = new StringBuilder().AppendLine(Start);
        foreach (var type in SearchParameterCatalog.ResourceTypes)
        {
            text.AppendLine().AppendLine($"**{type}**").AppendLine()
                .AppendLine("| parameter | type | modifiers, prefixes | definition |")
                .AppendLine("| --- | --- | --- | --- |");
            foreach (var parameter in catalog.Of(type))
            {
                var options = parameter.Modifiers.Select(m => ":" + m).Concat(parameter.Comparators.Where(c => c != "eq"));
                text.AppendLine($"| `{parameter.Code}` | {parameter.Type.GetLiteral()} | {string.Join(" ", options)} | " +
                                $"[{parameter.Id}](fhir-profiles/SearchParameter/{parameter.Id}.json): {Cell(parameter.Description)} |");
            }
        }
        return text.AppendLine().Append(End).ToString();
    }

    private static string Cell(string? text) => (text ?? "").ReplaceLineEndings(" ").Replace("|", "\\|").Trim();
}
