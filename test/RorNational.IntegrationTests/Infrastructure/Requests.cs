using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>Request bodies as a client would write them, and FHIR answers as JSON.</summary>
public static class Requests
{
    public static JsonObject Registration(
        string ejFiness = "010008407", string egFiness = "010000024", string egName = "CH DE FLEYRIAT",
        string legalName = "CH DE BOURG EN BRESSE") => new()
    {
        ["ej"] = new JsonObject { ["finess"] = ejFiness, ["legalName"] = legalName },
        ["eg"] = new JsonObject
        {
            ["finess"] = egFiness,
            ["ejFiness"] = ejFiness,
            ["name"] = egName,
            ["address"] = new JsonObject
            {
                ["houseNumber"] = "900",
                ["streetType"] = "RTE",
                ["streetName"] = "DE PARIS",
                ["postalCode"] = "01012",
                ["city"] = "BOURG EN BRESSE",
                ["communeCog"] = "01053",
            },
        },
    };

    public static Task<HttpResponseMessage> Register(this HttpClient client, JsonObject body) =>
        client.PostAsJsonAsync("/api/establishments", body);

    public static async Task<JsonObject> ReadJson(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
