using Hl7.Fhir.Model;
using RorNational.Fhir;
using RorNational.Fhir.Ror;

namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>
/// Units (UO, lieu, pôle, service, UF) have opaque FHIR ids: tests find a unit's resource by
/// the id its editor gave it ("010000024-uo-cardio-hc"), which an identifier of the resource
/// holds: for a lieu or a pôle/service/UF the identifier urn:ror-national:unit-id|{id}; for a
/// UO (one identifier only, by the guide) the offer identifier "{region}/{id}".
/// </summary>
public static class UnitIds
{
    private static readonly string[] UnitTypes = ["HealthcareService", "Location", "Organization", "PractitionerRole"];

    /// <summary>The identifier search that finds a lieu or a pôle/service/UF by its editor's id.</summary>
    public static string IdentifierQuery(string editorUnitId) =>
        "identifier=" + Uri.EscapeDataString($"{RorCanonical.EditorUnitIdSystem}|{editorUnitId}");

    /// <summary>The FHIR id of a published unit (searched with the client's rights: use one that sees sensitive units).</summary>
    public static async Task<string> FhirIdOfUnit(this HttpClient client, string resourceType, string editorUnitId)
    {
        var ids = await client.UnitIdsAsync(resourceType);
        Assert.That(ids, Does.ContainKey(editorUnitId), $"a published {resourceType} has the unit id {editorUnitId}");
        return ids[editorUnitId];
    }

    /// <summary>The FHIR id of every published unit, by its editor's id.</summary>
    public static async Task<Dictionary<string, string>> AllUnitIdsAsync(this HttpClient client)
    {
        var ids = new Dictionary<string, string>();
        foreach (var type in UnitTypes)
            foreach (var (editorId, id) in await client.UnitIdsAsync(type))
                ids[editorId] = id;
        return ids;
    }

    private static async Task<Dictionary<string, string>> UnitIdsAsync(this HttpClient client, string resourceType)
    {
        var ids = new Dictionary<string, string>();
        string? url = $"/fhir/{resourceType}?_count=1000&_elements=identifier";
        while (url is not null)
        {
            var bundle = FhirJson.Parse<Bundle>(await client.GetStringAsync(url));
            foreach (var resource in bundle.Entry.Select(e => e.Resource!))
                if (EditorIdOf(resource) is { } editorId)
                    ids[editorId] = resource.Id!;
            url = bundle.NextLink?.ToString();
        }
        return ids;
    }

    private static string? EditorIdOf(Resource resource) => resource switch
    {
        // "84/010000024-uo-cardio-hc": the region, then the editor's id.
        HealthcareService service => service.Identifier.Select(i => i.Value).FirstOrDefault(v => v?.Contains('/') == true)?.Split('/', 2)[1],
        Location location => location.Identifier.FirstOrDefault(i => i.System == RorCanonical.EditorUnitIdSystem)?.Value,
        Organization organization => organization.Identifier.FirstOrDefault(i => i.System == RorCanonical.EditorUnitIdSystem)?.Value,
        // A professional's role: "{EG FINESS}-{UO id}-{RPPS}".
        PractitionerRole role => role.Identifier.FirstOrDefault(i => i.System == RorCanonical.EditorUnitIdSystem)?.Value,
        _ => null,
    };
}
