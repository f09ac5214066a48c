using System.Text.Json;
using System.Text.Json.Nodes;
using RorNational.Domain.Capacity;
using RorNational.Offer.Capacity.Indicators;
using RorNational.Offer.Capacity.Protocol;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;

namespace RorNational.IntegrationTests.Capacity.Protocol;

/// <summary>The supplier's Parameters read into operations, as the national protocol has them: no database needed.</summary>
public class reading_capacity_patches
{
    private const string Date = "2026-03-01T14:05:00+01:00";
    private static readonly CapacityPatchReader Reader = new(IndicatorCatalogue.Default);

    private static IReadOnlyList<CapacityOperation> Read(JsonNode body) => Reader.Read(JsonDocument.Parse(body.ToJsonString()).RootElement);

    private static CapacityChangeRefused Refused(JsonNode body) => Assert.Throws<CapacityChangeRefused>(() => Read(body))!;

    [Test]
    public void the_national_add_reads_into_the_indicator()
    {
        var operation = Read(Add(Record(3, Date, gender: "01"))).Single();

        Assert.That(operation.Kind, Is.EqualTo(CapacityOperationKind.Add));
        Assert.That(operation.Value, Is.EqualTo(new CapacityIndicator(new CapacityKey("02", "01", "01", null, null, null, "01"), "01", 3, "02",
            new DateTimeOffset(2026, 3, 1, 14, 5, 0, TimeSpan.FromHours(1)))));
    }

    [Test]
    public void standard_fhirpath_patch_reads_the_same()
    {
        var national = Read(Add(Record(3, Date, gender: "01"))).Single();
        var standard = Read(Standard("add", "Location", Record(3, Date, gender: "01"), name: "extension")).Single();
        Assert.That(standard, Is.EqualTo(national));

        var replace = Read(Standard("replace", Selector(gender: "01"), Record(4, Date, gender: "01"))).Single();
        Assert.That((replace.Kind, replace.Selector), Is.EqualTo((CapacityOperationKind.Replace, national.Value!.Key)));
    }

    [Test]
    public void a_replace_path_is_its_key_and_an_absent_clause_is_absent_not_any()
    {
        var withoutGender = Read(Replace(Selector(), Record(5, Date))).Single();
        Assert.That(withoutGender.Selector, Is.EqualTo(new CapacityKey("02", "01", null, null, null, null, "01")));

        var supplementary = Read(Replace(Selector(status: "06", bedType: "03", crisis: "02"), Record(2, Date, status: "06", bedType: "03", crisis: "02"))).Single();
        Assert.That(supplementary.Selector, Is.EqualTo(new CapacityKey("06", "01", null, null, "03", "02", "01")));
    }

    [Test]
    public void paths_read_whatever_their_spacing_and_quotes()
    {
        var compact = Selector(gender: "02").Replace(" ", "").Replace('\'', '"');
        Assert.That(Read(Delete(compact)).Single().Selector, Is.EqualTo(new CapacityKey("02", "01", "02", null, null, null, "01")));
    }

    [TestCase("true")]
    [TestCase("1")]
    [TestCase("null")]
    [TestCase("{}")]
    [TestCase("[\"operation\"]")]
    public void a_parameter_whose_name_is_no_string_is_invalid_not_a_crash(string name)
    {
        var body = Delete(Selector());
        body["parameter"]![0]!["name"] = JsonNode.Parse(name);
        var refused = Refused(body);
        Assert.That(refused.Kind, Is.EqualTo(CapacityRefusalKind.Invalid));
        Assert.That(refused.Message, Does.Contain("'operation'"));
    }

    [Test]
    public void a_delete_reads_its_key_and_takes_no_value()
    {
        Assert.That(Read(Delete(Selector(status: "05", closing: "01"))).Single(),
            Is.EqualTo(CapacityOperation.Delete(new CapacityKey("05", "01", null, "01", null, null, "01"))));
        Assert.That(Refused(National("delete", Selector(), Record(1, Date))).Kind, Is.EqualTo(CapacityRefusalKind.Invalid));
    }

    [Test]
    public void a_key_that_is_no_valid_indicator_is_a_business_rule_naming_the_key()
    {
        var installedWithGender = Refused(Add(Record(12, Date, status: "01", gender: "01")));
        Assert.That(installedWithGender.Kind, Is.EqualTo(CapacityRefusalKind.BusinessRule));
        Assert.That(installedWithGender.Message, Does.Contain("capacityStatus: 01 / temporalityCapacity: 01 / genderCapacityAvailable: 01"));

        Assert.That(Refused(Delete(Selector(status: "06"))).Kind, Is.EqualTo(CapacityRefusalKind.BusinessRule), "supplementary needs its bed type");
        Assert.That(Refused(Delete($"{Collection}.where(extension.where(url = 'capacityStatus' and valueCodeableConcept.coding.code = '02'))")).Kind,
            Is.EqualTo(CapacityRefusalKind.BusinessRule), "no temporality: no indicator");
    }

    [Test]
    public void a_nature_the_indicator_does_not_expect_is_a_business_rule_on_capacity_type()
    {
        var refused = Refused(Add(Record(2, Date, status: "06", bedType: "01", nature: "02")));
        Assert.That(refused.Kind, Is.EqualTo(CapacityRefusalKind.BusinessRule));
        Assert.That(refused.Problems.Single().Expression, Is.EqualTo($"Location.extension('{Url}').extension('capacityType')"));
    }

    [TestCase("07", null, Description = "opérationnel: computed, never exchanged")]
    [TestCase("02", "03", Description = "indifférencié: deprecated in 2025")]
    public void deprecated_codes_are_refused_on_write(string status, string? gender)
    {
        var refused = Refused(Add(Record(1, Date, status: status, gender: gender)));
        Assert.That(refused.Kind, Is.EqualTo(CapacityRefusalKind.BusinessRule));
        Assert.That(refused.Message, Does.Contain("may no longer be written"));
    }

    [TestCase(-1)]
    [TestCase(2.5)]
    [TestCase("3")]
    public void a_count_that_is_not_a_non_negative_integer_is_invalid(object count)
    {
        var record = Record(0, Date);
        record["extension"]![0]!["valueInteger"] = JsonValue.Create(count);
        var refused = Refused(Add(record));
        Assert.That((refused.Kind, refused.Problems.Single().Expression), Is.EqualTo((CapacityRefusalKind.Invalid, $"Location.extension('{Url}').extension('nbCapacity')")));
    }

    [TestCase("capacityUpdateDate")]
    [TestCase("temporaryAssignement")]
    [TestCase("capacitySourceType")]
    public void a_missing_required_sub_extension_is_invalid_and_named(string missing)
    {
        var record = Record(1, Date);
        var parts = record["extension"]!.AsArray();
        parts.Remove(parts.First(p => p!["url"]!.GetValue<string>() == missing));
        Assert.That(Refused(Add(record)).Problems.Single().Expression, Does.EndWith($".extension('{missing}')"));
    }

    [TestCase("2026-03-01")]
    [TestCase("2026-03-01T14:05:00")]
    public void a_source_date_without_time_or_zone_is_invalid(string date) =>
        Assert.That(Refused(Add(Record(1, date))).Kind, Is.EqualTo(CapacityRefusalKind.Invalid));

    [Test]
    public void anything_but_capacity_is_refused()
    {
        Assert.That(Refused(National("replace", "Location.name", Record(1, Date))).Message, Does.Contain("only capacity may be patched"));
        var equipment = Record(1, Date);
        equipment["url"] = "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-location-equipment";
        Assert.That(Refused(Add(equipment)).Message, Does.Contain("only capacity may be patched"));
        Assert.That(Refused(Standard("add", "Location", Record(1, Date), name: "alias")).Kind, Is.EqualTo(CapacityRefusalKind.Invalid));
    }

    [Test]
    public void a_path_selecting_by_something_else_than_the_key_is_invalid()
    {
        var byNature = $"{Collection}.where(extension.where(url = 'capacityType' and valueCodeableConcept.coding.code = '01'))";
        Assert.That(Refused(Delete(byNature)).Message, Does.Contain("capacityType is not part of it"));
    }

    [Test]
    public void a_replace_whose_record_has_another_key_than_its_path_is_refused()
    {
        var refused = Refused(Replace(Selector(gender: "01"), Record(1, Date, gender: "02")));
        Assert.That(refused.Kind, Is.EqualTo(CapacityRefusalKind.BusinessRule));
    }

    [Test]
    public void replacing_every_record_at_once_is_refused_as_deprecated()
    {
        var body = Add(Record(1, Date));
        body["parameter"]![0]!["part"]![2]!["part"]![0]!["extension"]!.AsArray().Add(Record(2, Date, gender: "01"));
        Assert.That(Refused(body).Message, Does.Contain("deprecated"));
    }

    [Test]
    public void malformed_parameters_are_invalid_never_an_exception_of_another_kind()
    {
        JsonNode[] bodies =
        [
            new JsonObject { ["resourceType"] = "Location" },
            new JsonObject { ["resourceType"] = "Parameters" },
            new JsonObject { ["resourceType"] = "Parameters", ["parameter"] = new JsonArray() },
            new JsonObject { ["resourceType"] = "Parameters", ["parameter"] = new JsonArray(new JsonObject { ["name"] = "op" }) },
            National("move", Collection, Record(1, Date)),
            National("add", Collection),
            JsonNode.Parse("""{"resourceType":"Parameters","parameter":[{"name":"operation","part":[{"name":"type","valueString":"add"},{"name":"type","valueString":"add"}]}]}""")!,
            JsonNode.Parse("""{"resourceType":"Parameters","parameter":[{"name":"operation","part":[{"name":"type","valueInteger":1}]}]}""")!,
            JsonNode.Parse("[1,2]")!,
        ];
        foreach (var body in bodies)
            Assert.That(Refused(body).Kind, Is.EqualTo(CapacityRefusalKind.Invalid), body.ToJsonString());
    }
}
