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

    /// <summary>
    /// A first registration, tried up to five times: the first write compiles its handlers' code
    /// (development mode), which can outlast a fixture's short timeouts on a busy machine.
    /// </summary>
    public static async Task RegisterWithRetries(this HttpClient client, JsonObject body)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await client.Register(body);
            if (response.IsSuccessStatusCode) return;
            if (attempt == 5) Assert.Fail(await response.Content.ReadAsStringAsync());
        }
    }

    public static async Task<JsonObject> ReadJson(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
