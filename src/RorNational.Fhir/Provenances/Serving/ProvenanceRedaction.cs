using System.Text.Json.Nodes;
using RorNational.Fhir.Access;

namespace RorNational.Fhir.Provenances.Serving;

/// <summary>
/// A Provenance as a profile may see it: the targets it may not see (<see cref="TargetClasses"/>)
/// are removed with their previous versions (entity "revision"), and meta.security says
/// REDACTED; the chained content itself when it sees them all; null when it sees none (then
/// the Provenance is neither returned nor counted).
/// </summary>
public static class ProvenanceRedaction
{
    public static string? ForProfile(string content, IReadOnlyList<int> targetClasses, AccessProfile profile)
    {
        if (profile.SeesEverything || targetClasses.All(profile.Sees)) return content;
        if (!targetClasses.Any(profile.Sees)) return null;
        var provenance = JsonNode.Parse(content)!.AsObject();
        var targets = provenance["target"]!.AsArray();
        var hidden = new HashSet<string>();
        for (var i = targets.Count - 1; i >= 0; i--)
        {
            if (i >= targetClasses.Count || profile.Sees(targetClasses[i])) continue;
            hidden.Add(PreviousOf(targets[i]!["reference"]!.GetValue<string>()));
            targets.RemoveAt(i);
        }
        if (provenance["entity"] is JsonArray entities)
        {
            for (var i = entities.Count - 1; i >= 0; i--)
                if (hidden.Contains(entities[i]!["what"]!["reference"]!.GetValue<string>())) entities.RemoveAt(i);
            if (entities.Count == 0) provenance.Remove("entity");
        }
        var meta = provenance["meta"]!.AsObject();
        meta["security"] = new JsonArray(new JsonObject
        {
            ["system"] = Redaction.SecuritySystem, ["code"] = Redaction.RedactedCode, ["display"] = "redacted",
        });
        return provenance.ToJsonString(FhirJson.Options);
    }

    /// <summary>"Location/x/_history/7" gives "Location/x/_history/6".</summary>
    private static string PreviousOf(string reference)
    {
        var at = reference.LastIndexOf('/');
        return reference[..(at + 1)] + (long.Parse(reference[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture) - 1);
    }
}
