using System.Text.Json;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Editing;
using RorNational.Domain.Establishments.Structure;
using static RorNational.Domain.Tests.Dossiers.SampleFiches;

namespace RorNational.Domain.Tests.Dossiers;

/// <summary>The EG's own fields by merge patch: the checks of each, merge-patch semantics, no event for no change.</summary>
public sealed class editing_an_establishment_s_own_fields
{
    private static Dictionary<string, JsonElement> Patch(string json) => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    private const string Prices = """
        { "prices": [ { "type": "02", "unit": "2", "amount": 68.5, "validFrom": "2026-01-01", "residentialType": "02",
                        "welcomeType": "01", "specialPrice": "02", "dependencyLevel": "01" } ],
          "orsanLevel": "1", "dropZone": true, "permanentSocialHelpPlaces": 40 }
        """;

    [Test]
    public void a_patch_records_the_whole_description_after_it()
    {
        var events = DirectEditDecisions.EditEstablishment(Published(), Patch(Prices), Codes, Editor, Now);

        var changed = events.OfType<EGDescriptionChanged>().Single();
        Assert.That(changed.Description.Prices.Single(), Is.EqualTo(new Price("02", "2", 68.5m)
        {
            ValidFrom = new DateOnly(2026, 1, 1), ResidentialType = "02", WelcomeType = "01", SpecialPrice = "02", DependencyLevel = "01",
        }));
        Assert.That((changed.Description.OrsanLevel, changed.Description.DropZone, changed.Description.PermanentSocialHelpPlaces), Is.EqualTo(("1", true, 40)));
        Assert.That(events, Has.Length.EqualTo(1), "the operational name was not named: no event for it");
    }

    [Test]
    public void absent_fields_stay_null_removes_and_the_same_patch_again_records_nothing()
    {
        var eg = Published().Apply(DirectEditDecisions.EditEstablishment(Published(), Patch(Prices), Codes, Editor, Now));

        var after = eg.Apply(DirectEditDecisions.EditEstablishment(eg, Patch("""{ "dropZone": null, "comment": "Parking" }"""), Codes, Editor, Now));

        Assert.That(after.Description.DropZone, Is.Null);
        Assert.That(after.Description.Comment, Is.EqualTo("Parking"));
        Assert.That(after.Description.Prices, Has.Count.EqualTo(1));
        Assert.That(after.Description.OrsanLevel, Is.EqualTo("1"));
        Assert.That(DirectEditDecisions.EditEstablishment(after, Patch("""{ "comment": "Parking" }"""), Codes, Editor, Now), Is.Empty);
        Assert.That(after.Apply(DirectEditDecisions.EditEstablishment(after, Patch("""{ "prices": null }"""), Codes, Editor, Now)).Description.Prices,
            Is.Empty);
    }

    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 0 } ] }""")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 12.30 } ] }""")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 1000000 } ] }""")]
    [TestCase("""{ "prices": [] }""")]
    [TestCase("""{ "OrsanLevel": "4" }""")]
    public void amounts_from_0_with_at_most_2_decimals_and_known_codes_are_taken(string patch)
    {
        Assert.DoesNotThrow(() => DirectEditDecisions.EditEstablishment(Published(), Patch(patch), Codes, Editor, Now));
    }

    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": -0.01 } ] }""", "prices[0].amount")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 0.001 } ] }""", "prices[0].amount")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 1000000.01 } ] }""", "prices[0].amount")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 1e999 } ] }""", "prices[0].amount")]
    [TestCase("""{ "prices": [ { "type": "08", "unit": "2", "amount": 1 } ] }""", "prices[0].type")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 1, "validFrom": "2026-1-1" } ] }""", "prices[0].validFrom")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 1 }, { "type": "02", "unit": "0", "amount": 1 } ] }""", "prices[1].unit")]
    [TestCase("""{ "prices": [ { "type": "02", "unit": "2", "amount": 1, "bogus": 1 } ] }""", "prices[0].bogus")]
    [TestCase("""{ "orsanLevel": "3" }""", "orsanLevel")]
    [TestCase("""{ "accessibility": 1 }""", "accessibility")]
    [TestCase("""{ "temporarySocialHelpPlaces": 100001 }""", "temporarySocialHelpPlaces")]
    [TestCase("""{ "closingDate": "2200-01-01" }""", "closingDate")]
    [TestCase("""{ "closingType": "DEF", "closingtype": "PRO" }""", "closingType")]
    public void a_bad_field_is_refused_naming_it(string patch, string field)
    {
        var rejection = Assert.Throws<CommandRejected>(() => DirectEditDecisions.EditEstablishment(Published(), Patch(patch), Codes, Editor, Now));

        Assert.That(rejection!.Kind, Is.EqualTo(RejectionKind.Invalid));
        Assert.That(rejection.Problems.Select(p => p.Field), Does.Contain(field));
    }

    [Test]
    public void an_organisation_unit_closing_before_it_opens_is_refused()
    {
        var problems = EGDescriptionChecks.OfOrganisation(
            new OrganisationDescription { OpeningDate = new DateOnly(2026, 1, 1), ClosingDate = new DateOnly(2025, 1, 1), ClosingType = "XYZ" }, Codes);

        Assert.That(problems.Select(p => p.Field), Is.EquivalentTo(new[] { "closingDate", "closingType" }));
    }
}
