using Hl7.Fhir.Model;
using RorNational.Fhir;
using RorNational.Fhir.Ror;

namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>
/// Units (UO, lieu, pôle, service, UF) have opaque FHIR ids: tests find a unit's resource by
/// the id its editor gave it ("010000024-uo-cardio-hc"), an identifier of the resource.
/// </summary>
public static class UnitIds
{
    /// <summary>The identifier search that finds a unit by its editor's id.</summary>
    public static string IdentifierQuery(string editorUnitId) =>
        "identifier=" + Uri.EscapeDataString($"{RorCanonical.EditorUnitIdSystem}|{editorUnitId}");

    /// <summary>The FHIR id of a published unit (searched with every right, so a sensitive unit is found too).</summary>
    public static async Task<string> FhirIdOfUnit(this HttpClient client, string resourceType, string editorUnitId)
    {
        var response = await client.GetAsync($"/fhir/{resourceType}?{IdentifierQuery(editorUnitId)}&_elements=id");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
        var ids = FhirJson.Parse<Bundle>(body).Entry.Select(e => e.Resource!.Id!).ToList();
        Assert.That(ids, Has.Count.EqualTo(1), $"one {resourceType} has the unit id {editorUnitId}: {body}");
        return ids[0];
    }
}
