namespace RorNational.IntegrationTests.Validation;

/// <summary>
/// The independent validator accepts what the national guide shows as valid and reports
/// what breaks its profiles, so that a test calling it cannot pass by accident. The
/// fixtures are in build/fhir-validator/fixtures (see its README.md). No database involved.
/// </summary>
public sealed class fhir_validator
{
    private const string Ror = "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/";

    private readonly FhirValidator _validator = new();
    private ValidationReport _fixtures = null!;

    private string Fixture(string relative) => Path.Combine(_validator.ToolDirectory, "fixtures", relative);

    private IEnumerable<string> Fixtures(string folder) =>
        Directory.GetFiles(Path.Combine(_validator.ToolDirectory, "fixtures", folder), "*.json").Order(StringComparer.Ordinal);

    /// <summary>All fixtures in one call: one node process for the whole fixture.</summary>
    [OneTimeSetUp]
    public async Task ValidateEveryFixture()
    {
        _fixtures = await _validator.ValidateFilesAsync(
            Fixtures("valid").Concat(Fixtures("invalid")).Concat(Fixtures("guide-as-published")));
        TestContext.Progress.WriteLine(
            $"fhir-validator: {_fixtures.Summary.Resources} fixtures, load {_fixtures.Summary.LoadMs} ms, validation {_fixtures.Summary.ValidateMs} ms");
    }

    [Test]
    public void the_guides_examples_are_valid_against_base_r4_and_their_profiles()
    {
        var valid = Fixtures("valid").SelectMany(_fixtures.ForFile).ToList();

        Assert.That(valid.Select(r => r.ResourceType), Is.SupersetOf(new[] { "Organization", "HealthcareService", "Location" }));
        foreach (var result in valid)
        {
            Assert.That(result.Errors, Is.Empty, $"{result.Describe()} ({result.Source}):\n{string.Join("\n", result.Errors)}");
            Assert.That(result.Profiles, Is.Not.Empty.And.All.Matches<ProfileCheck>(p => p.Checked),
                $"{result.Describe()}: its meta.profile is checked against fhir-profiles/");
        }
    }

    [TestCase("invalid/healthcareservice-missing-sensitive-unit.json", "HealthcareService.extension", "slice 'ror-healthcareservice-sensitive-unit': expected 1..1, but found 0",
        TestName = "a_missing_required_extension_is_an_error")]
    [TestCase("invalid/organization-missing-creation-date.json", "Organization.extension", "slice 'ror-meta-creation-date': expected 1..1, but found 0",
        TestName = "a_missing_creation_date_on_an_organization_is_an_error")]
    [TestCase("invalid/healthcareservice-contact-without-confidentiality-level.json", "HealthcareService.extension[4].extension", "slice 'ror-confidentiality-level': expected 1..1, found 0",
        TestName = "a_missing_sub-extension_of_a_complex_extension_is_an_error")]
    [TestCase("invalid/healthcareservice-type-wrong-code-system.json", "HealthcareService.type[0]", "JDV_J20-ChampActivite-ROR",
        TestName = "a_code_from_the_wrong_code_system_is_an_error")]
    [TestCase("invalid/location-capacity-status-wrong-code-system.json", "Location.extension[1].extension[2].valueCodeableConcept", "JDV_J188-TypeStatutCapacite-ROR",
        TestName = "a_wrong_code_system_inside_a_capacity_indicator_is_an_error")]
    [TestCase("invalid/healthcareservice-caremode-unknown-code.json", "HealthcareService.characteristic[0]", "JDV_J19-ModePriseEnCharge-ROR",
        TestName = "a_code_outside_its_value_set_is_an_error")]
    [TestCase("invalid/organization-two-addresses.json", "Organization.address", "expected 0..1, but found 2",
        TestName = "too_many_values_is_an_error")]
    [TestCase("invalid/healthcareservice-two-care-modes.json", "HealthcareService.characteristic", "slice 'careMode': expected 1..1, but found 2",
        TestName = "too_many_values_in_a_slice_is_an_error")]
    [TestCase("invalid/location-capacity-without-number.json", "Location.extension[1].extension", "slice 'nbCapacity': expected 1..1, found 0",
        TestName = "a_capacity_indicator_without_its_number_is_an_error")]
    [TestCase("invalid/healthcareservice-caremode-with-act-type.json", "HealthcareService.characteristic[0].extension", "slice 'ror-act-type': expected 0..0, found 1",
        TestName = "a_forbidden_extension_in_a_slice_is_an_error")]
    [TestCase("invalid/healthcareservice-sensitive-unit-as-string.json", "HealthcareService.extension[0].valueString", "type string is not allowed here",
        TestName = "an_extension_value_of_the_wrong_datatype_is_an_error")]
    [TestCase("invalid/healthcareservice-questionnaire-without-version.json", "HealthcareService.extension[3].valueCanonical", "ror-questionnaire-version-required",
        TestName = "a_broken_invariant_is_an_error")]
    [TestCase("invalid/healthcareservice-age-range-without-unit-system.json", "HealthcareService.extension[1].extension[0].valueRange.high.system", "expected 1..1, found 0",
        TestName = "an_age_without_its_unit_system_is_an_error")]
    [TestCase("invalid/location-base-r4-violations.json", "Location.status", "http://hl7.org/fhir/ValueSet/location-status",
        TestName = "a_code_outside_a_base_R4_value_set_is_an_error")]
    [TestCase("invalid/location-base-r4-violations.json", "Location.meta.lastUpdated", "Invalid instant format",
        TestName = "a_malformed_base_R4_datatype_is_an_error")]
    public void an_invalid_fixture_is_reported(string fixture, string path, string message)
    {
        var result = _fixtures.ForFile(Fixture(fixture)).Single();

        Assert.That(result.Valid, Is.False);
        Assert.That(result.Errors, Has.Some.Matches<ValidationIssue>(e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal)),
            string.Join("\n", result.Errors));
    }

    [Test]
    public void every_invalid_fixture_is_reported_and_only_for_what_it_breaks()
    {
        foreach (var file in Fixtures("invalid"))
        {
            var result = _fixtures.ForFile(file).Single();
            Assert.That(result.Errors, Has.Count.InRange(1, 2), $"{Path.GetFileName(file)}:\n{string.Join("\n", result.Errors)}");
        }
    }

    [Test]
    public void the_guides_healthcareservice_example_as_published_shows_the_guides_own_contradictions()
    {
        var result = _fixtures.ForFile(Fixture("guide-as-published/healthcareservice-1234564.json")).Single();

        Assert.That(result.Errors.Select(e => e.ToString()), Is.EquivalentTo(new[]
        {
            "HealthcareService.characteristic: Incorrect number of values provided for slice 'careMode': expected 1..1, but found 0",
            "HealthcareService.extension[1].extension[0].valueRange.low.system: value must be exactly \"http://unitsofmeasure.org\"",
            "HealthcareService.extension[1].extension[0].valueRange.high.system: value must be exactly \"http://unitsofmeasure.org\"",
        }));
    }

    [Test]
    public async Task resources_given_as_json_are_validated_one_by_one()
    {
        var valid = await File.ReadAllTextAsync(Fixture("valid/organization-ror-organisation-exemple-eg.json"));
        var invalid = await File.ReadAllTextAsync(Fixture("invalid/organization-two-addresses.json"));

        var report = await _validator.ValidateAsync([valid, invalid, valid]);

        Assert.That(report.Valid, Is.False);
        Assert.That(report.Results.Select(r => r.Valid), Is.EqualTo(new[] { true, false, true }));
        Assert.That(report.Errors.Single().Path, Is.EqualTo("Organization.address"), report.ToString());
    }

    [Test]
    public async Task a_profile_missing_from_fhir_profiles_is_a_warning_and_base_r4_still_applies()
    {
        const string unknownProfile = """
            { "resourceType": "Organization", "id": "x",
              "meta": { "profile": ["https://example.org/fhir/StructureDefinition/somebody-elses-organization"] },
              "name": "X", "active": "yes" }
            """;

        var report = await _validator.ValidateAsync([unknownProfile]);

        var result = report.Results.Single();
        Assert.That(result.Profiles.Single().Checked, Is.False);
        Assert.That(result.Warnings, Has.Some.Matches<ValidationIssue>(w => w.Message.Contains("somebody-elses-organization", StringComparison.Ordinal)));
        Assert.That(result.Errors, Has.Some.Matches<ValidationIssue>(e => e.Path == "Organization.active"), report.ToString());
    }

    [Test]
    public async Task a_resource_without_the_profiles_required_elements_fails_each_profile_it_claims()
    {
        var bare = $$"""
            { "resourceType": "HealthcareService", "id": "bare", "meta": { "profile": ["{{Ror}}ror-healthcareservice"] } }
            """;

        var report = await _validator.ValidateAsync([bare]);

        var paths = report.Errors.Select(e => e.Path).ToList();
        Assert.That(paths, Does.Contain("HealthcareService.meta.lastUpdated")
            .And.Contain("HealthcareService.identifier")
            .And.Contain("HealthcareService.type")
            .And.Contain("HealthcareService.specialty")
            .And.Contain("HealthcareService.characteristic"), report.ToString());
    }
}
