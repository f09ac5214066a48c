using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using RorNational.Fhir;
using RorNational.IntegrationTests.Search;
using RorNational.IntegrationTests.Validation;

namespace RorNational.IntegrationTests.Locations;

/// <summary>
/// A lieu's equipment, residential capacity, telecoms, status, description and aliases, from the
/// editor's dossier to the ror-location it publishes and the guide's searches on it. The data:
/// the samples (the hospital's consultations hold a bariatric MRI limited to 250 kg and 70 cm,
/// the EHPAD 74 single and 6 double rooms) and two operating theatres added here by dossier:
/// theatre A with a bariatric table holding 250 kg; theatre B with the same table, 80 cm wide
/// and without a weight limit, next to an MRI holding 300 kg.
/// </summary>
public sealed class describing_a_lieu_s_equipment : SearchFixture
{
    private const string Hospital = "eg-010000024";
    private const string St4Equipment =
        "location.equipment-type=https://mos.esante.gouv.fr/NOS/TRE_R212-Equipement/FHIR/TRE-R212-Equipement|088" +
        "&location.equipment-feature=https://mos.esante.gouv.fr/NOS/TRE_R340-TypeCaracteristiqueEquipement/FHIR/TRE-R340-TypeCaracteristiqueEquipement|001" +
        "&location.limit-value=ge200|http://unitsofmeasure.org|kg";

    protected override Task LoadMoreData() => PublishStructure(Client, Hospital,
        ("lieu-bloc-a", Theatre("Bloc A", "BLOC-A", Equipment("088", Limit("001", 250, "kg")))),
        ("lieu-bloc-b", Theatre("Bloc B", "BLOC-B", Equipment("088", Limit("002", 80, "cm")), Equipment("221", Limit("001", 300, "kg")))),
        ("uo-bloc-a", Surgery("Chirurgie bariatrique A", "lieu-bloc-a")),
        ("uo-bloc-b", Surgery("Chirurgie bariatrique B", "lieu-bloc-b")));

    [Test]
    public async Task the_guide_s_st4_equipment_scenario_finds_the_offer_whose_table_holds_200_kg_on_that_table()
    {
        var matches = await Matches("HealthcareService?" + St4Equipment);

        Assert.That(matches, Is.EqualTo(new[] { Unit("010000024-uo-bloc-a") }),
            "theatre B has the table and a 300 kg limit, but on its MRI: criteria hold on one equipment");
    }

    [TestCase("equipment-type=221&equipment-feature=001&limit-value=ge200|http://unitsofmeasure.org|kg", true)]
    [TestCase("equipment-type=221&equipment-feature=002&limit-value=ge200|http://unitsofmeasure.org|kg", false)]
    [TestCase("equipment-type=221&equipment-feature=002&limit-value=ge60|http://unitsofmeasure.org|cm", true)]
    [TestCase("equipment-type=221&limit-value=ge200|http://unitsofmeasure.org|cm", false)]
    [TestCase("equipment-type=221&limit-value=lt251", true)]
    [TestCase("equipment-type=088", false)]
    [TestCase("equipment-type:missing=true", false)]
    public Task feature_and_limit_value_hold_on_one_limit_of_the_equipment(string criteria, bool matchesTheMri) =>
        AssertTheConsultationsMri(criteria, matchesTheMri);

    [TestCase("equipment-feature=001&limit-value=ge200|http://unitsofmeasure.org|kg&equipment-feature=002&limit-value=ge60|http://unitsofmeasure.org|cm", true)]
    [TestCase("equipment-feature=001&limit-value=ge200|http://unitsofmeasure.org|kg&equipment-feature=002&limit-value=ge80|http://unitsofmeasure.org|cm", false)]
    [TestCase("limit-value=ge60|http://unitsofmeasure.org|cm&equipment-feature=002&equipment-feature=001&limit-value=ge200|http://unitsofmeasure.org|kg", true)]
    [TestCase("equipment-feature=001&equipment-feature=002&limit-value=ge260|http://unitsofmeasure.org|kg", false)]
    [TestCase("equipment-type=221&equipment-feature=001&equipment-feature=002", true)]
    [TestCase("equipment-feature=001&limit-value=ge200&limit-value=le300", true)]
    [TestCase("equipment-feature=001&limit-value=ge200&limit-value=le240", false)]
    [TestCase("limit-value=ge60&limit-value=le80", true)]
    [TestCase("limit-value=ge200&limit-value=le80", false)]
    public Task several_limits_of_one_equipment_are_required_together(string criteria, bool matchesTheMri) =>
        AssertTheConsultationsMri(criteria, matchesTheMri);

    /// <summary>Whether the consultations lieu, whose MRI holds 250 kg and 70 cm, matches the criteria.</summary>
    private async Task AssertTheConsultationsMri(string criteria, bool matches)
    {
        var consultations = Unit("010000024-lieu-consultations");

        var found = await Matches($"Location?_id={consultations}&{criteria}");

        Assert.That(found, matches ? Is.EqualTo(new[] { consultations }) : Is.Empty, criteria);
    }

    [Test]
    public async Task limits_of_two_equipments_are_not_one_equipment_s_limits()
    {
        var theatreB = Unit("010000024-lieu-bloc-b");

        Assert.That(await Matches($"Location?_id={theatreB}&equipment-feature=001"), Is.EqualTo(new[] { theatreB }), "the MRI's weight");
        Assert.That(await Matches($"Location?_id={theatreB}&equipment-feature=002"), Is.EqualTo(new[] { theatreB }), "the table's width");
        Assert.That(await Matches($"Location?_id={theatreB}&equipment-feature=001&equipment-feature=002"), Is.Empty,
            "no equipment of theatre B has both limits");
    }

    [Test]
    public async Task several_limits_chained_from_the_offer_hold_on_one_equipment()
    {
        const string weight = "location.equipment-feature=001&location.limit-value=ge200|http://unitsofmeasure.org|kg";

        Assert.That(await Matches("HealthcareService?" + weight + "&location.equipment-feature=002&location.limit-value=ge60|http://unitsofmeasure.org|cm"),
            Is.EqualTo(new[] { ConsultationUO }), "the MRI of the consultations: 250 kg and 70 cm; theatre B's 300 kg and 80 cm are on two equipments");
        var filter = Uri.EscapeDataString("equipment-feature eq 001 and limit-value ge 200 and equipment-feature eq 002 and limit-value ge 60");
        Assert.That(await Matches($"Location?_filter={filter}"), Is.EqualTo(new[] { Unit("010000024-lieu-consultations") }));
    }

    [Test]
    public async Task the_generic_index_holds_no_row_of_what_has_a_table_of_its_own()
    {
        var schema = App.Store.Options.DatabaseSchemaName;
        var generic = string.Join(" union all ", new[] { "token", "number", "date" }.Select(table =>
            $"select resource_type, param from {schema}.fhir_search_{table}"));
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            $"select count(*) from ({generic}) rows where (resource_type = 'Location' and param in " +
            "('equipment-type', 'equipment-feature', 'limit-value', 'capacity-status', 'nb-capacity')) " +
            "or (resource_type = 'Organization' and param in ('price-type', 'price-amount-value', 'price-validity-start-date'))", connection);

        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(0L), "equipment, capacity and prices are searched in their own tables");
        Assert.That(await Matches($"Location?_id={Unit("010000024-lieu-consultations")}&equipment-type=221"), Is.Not.Empty);
        Assert.That(await Matches("Organization?price-type=02"), Is.Not.Empty, "the EHPAD's prices");
    }

    [Test]
    public async Task equipment_criteria_joined_by_filter_hold_on_one_equipment_too()
    {
        var filter = Uri.EscapeDataString("equipment-type eq 088 and limit-value ge 200");

        Assert.That(await Matches($"Location?_filter={filter}"), Is.EqualTo(new[] { Unit("010000024-lieu-bloc-a") }));
    }

    [TestCase("residential-type=https://mos.esante.gouv.fr/NOS/TRE_R242-TypeHabitation/FHIR/TRE-R242-TypeHabitation|02", true)]
    [TestCase("residential-type=03", false)]
    [TestCase("residential-number=74", true)]
    [TestCase("residential-number=gt100", false)]
    public async Task the_ehpad_is_found_by_its_residential_capacity(string criteria, bool found)
    {
        var residence = Unit("350002812-lieu-residence");

        Assert.That(await Matches($"Location?_id={residence}&{criteria}"), found ? Is.EqualTo(new[] { residence }) : Is.Empty, criteria);
        Assert.That(await Matches($"HealthcareService?location.{criteria}"), found ? Does.Contain(EhpadUO) : Is.Empty, "chained");
    }

    [Test]
    public async Task the_lieu_is_published_where_ror_location_puts_each_element()
    {
        var location = FhirJson.Parse<Location>(await Client.GetStringAsync($"/fhir/Location/{Unit("010000024-lieu-consultations")}"));

        var equipment = location.Extension.Single(e => e.Url!.EndsWith("/ror-location-equipment", StringComparison.Ordinal));
        Assert.That(equipment.GetExtensionValue<CodeableConcept>("equipmentType")!.Coding.Single().Code, Is.EqualTo("221"));
        Assert.That(equipment.GetExtensionValue<Integer>("nbInService")!.Value, Is.EqualTo(1));
        var limits = equipment.Extension.Where(e => e.Url!.EndsWith("/ror-location-equipment-limit", StringComparison.Ordinal))
            .Select(l => (Feature: l.GetExtensionValue<CodeableConcept>("equipmentFeature")!.Coding.Single().Code, Limit: l.GetExtensionValue<Quantity>("limitValue")!))
            .Select(l => $"{l.Feature}: {l.Limit.Value} {l.Limit.Code} ({l.Limit.System})").ToList();
        Assert.That(limits, Is.EqualTo(new[] { "001: 250 kg (http://unitsofmeasure.org)", "002: 70 cm (http://unitsofmeasure.org)" }));
        Assert.That(location.OperationalStatus!.Code, Is.EqualTo("OP"));
        Assert.That(location.Description, Does.StartWith("Bâtiment principal"));
        Assert.That(location.Alias, Is.EqualTo(new[] { "Consultations FME" }));
        Assert.That(location.Telecom.Single().Value, Is.EqualTo("0474450123"));
        Assert.That(location.Telecom.Single().Extension.Select(e => e.Url), Has.Some.EndsWith("/ror-telecom-confidentiality-level"));

        var residence = JsonNode.Parse(await Client.GetStringAsync($"/fhir/Location/{Unit("350002812-lieu-residence")}"))!.ToJsonString();
        Assert.That(residence, Does.Contain("\"url\":\"residentialType\"").And.Contain("\"valueInteger\":74"));
    }

    [Test]
    public async Task every_lieu_with_equipment_or_residential_capacity_is_valid_against_the_ror_profiles()
    {
        var ids = new[] { "010000024-lieu-consultations", "010000024-lieu-bloc-a", "010000024-lieu-bloc-b", "350002812-lieu-residence" };
        var resources = new List<string>();
        foreach (var id in ids) resources.Add(await Client.GetStringAsync($"/fhir/Location/{Unit(id)}"));

        var report = await new FhirValidator().ValidateAsync(resources);

        Assert.That(report.Errors, Is.Empty, report.ToString());
    }

    private static JsonObject Theatre(string name, string syncId, params JsonObject[] equipments) => new()
    {
        ["type"] = "Lieu",
        ["name"] = name,
        ["lieu"] = new JsonObject
        {
            ["function"] = "005",
            ["idExterneSynchro"] = syncId,
            ["equipments"] = new JsonArray(equipments),
            ["address"] = new JsonObject
            {
                ["houseNumber"] = "900", ["streetType"] = "RTE", ["streetName"] = "DE PARIS",
                ["postalCode"] = "01012", ["city"] = "BOURG EN BRESSE", ["communeCog"] = "01053",
            },
        },
    };

    private static JsonObject Equipment(string type, params JsonObject[] limits) =>
        new() { ["type"] = type, ["inService"] = 1, ["limits"] = new JsonArray(limits) };

    private static JsonObject Limit(string feature, decimal value, string unit) =>
        new() { ["feature"] = feature, ["value"] = value, ["unit"] = unit };

    private static JsonObject Surgery(string name, string lieu) => new()
    {
        ["type"] = "UO",
        ["name"] = name,
        ["parentId"] = "uf-chirurgie-gynecologique",
        ["uo"] = new JsonObject
        {
            ["champActivite"] = "01",
            ["activitesOperationnelles"] = new JsonArray("022"),
            ["modePriseEnCharge"] = "28",
            ["lieuIds"] = new JsonArray(lieu),
            ["content"] = new JsonObject { ["ageRange"] = new JsonObject { ["low"] = 18, ["high"] = 120 } },
        },
    };
}
