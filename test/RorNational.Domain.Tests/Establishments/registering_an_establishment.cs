using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Registering;

namespace RorNational.Domain.Tests.Establishments;

public sealed class registering_an_establishment
{
    private static readonly Actor Importer = new("finess-import");
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 30, 0, TimeSpan.Zero);

    /// <summary>The communes the reference data would know, for these tests.</summary>
    private static bool KnownCommunes(string cog) => cog is "01053" or "69123";

    private static readonly PostalAddress Address =
        new("900", "RTE", "DE PARIS", null, null, "01012", "BOURG EN BRESSE", "01053");

    private static RegisterEstablishment Command(string egName = "CH DE FLEYRIAT", string ejFinessOfEg = "010008407") =>
        new(new EJAdministrativeData("010008407", "CH DE BOURG EN BRESSE"),
            new EGAdministrativeData("010000024", ejFinessOfEg, egName, Address));

    private static (EJ ej, EG eg) Registered(RegisterEstablishment command)
    {
        var decision = EstablishmentRegistration.Decide(command, null, null, KnownCommunes, Importer, Now);
        return (EJ.Evolve(null, decision.EJEvents.Single())!, EG.Evolve(null, decision.EGEvents.Single())!);
    }

    [Test]
    public void given_nothing_when_registering_then_the_ej_and_the_eg_are_registered()
    {
        var decision = EstablishmentRegistration.Decide(Command(), null, null, KnownCommunes, Importer, Now);

        Assert.That(decision.EJEvents, Is.EqualTo(new object[] { new EJRegistered(Command().EJ!, Importer, Now) }));
        Assert.That(decision.EGEvents, Is.EqualTo(new object[] { new EGRegistered(Command().EG!, Importer, Now) }));
    }

    [Test]
    public void given_the_same_data_when_registering_again_then_nothing_happens()
    {
        var (ej, eg) = Registered(Command());

        var decision = EstablishmentRegistration.Decide(Command(), ej, eg, KnownCommunes, Importer, Now.AddDays(1));

        Assert.That(decision.ChangesNothing, Is.True);
    }

    [Test]
    public void given_a_known_eg_when_finess_renames_it_then_only_the_eg_is_updated()
    {
        var (ej, eg) = Registered(Command());

        var decision = EstablishmentRegistration.Decide(Command(egName: "CENTRE HOSPITALIER FLEYRIAT"), ej, eg, KnownCommunes, Importer, Now);

        Assert.That(decision.EJEvents, Is.Empty);
        var updated = (EGAdministrativeDataUpdated)decision.EGEvents.Single();
        Assert.That(updated.Data.Name, Is.EqualTo("CENTRE HOSPITALIER FLEYRIAT"));
        Assert.That(EG.Evolve(eg, updated)!.Data.Name, Is.EqualTo("CENTRE HOSPITALIER FLEYRIAT"));
    }

    [Test]
    public void an_eg_that_names_another_ej_is_refused()
    {
        var rejection = Assert.Throws<CommandRejected>(() =>
            EstablishmentRegistration.Decide(Command(ejFinessOfEg: "690781810"), null, null, KnownCommunes, Importer, Now));

        Assert.That(rejection!.Kind, Is.EqualTo(RejectionKind.Invalid));
        Assert.That(rejection.Problems.Single().Field, Is.EqualTo("eg.ejFiness"));
    }

    [Test]
    public void every_missing_or_malformed_field_is_named()
    {
        var command = new RegisterEstablishment(
            new EJAdministrativeData("01000840", ""),
            new EGAdministrativeData("0100000245", "010008407", "CH", Address with { PostalCode = "1012", CommuneCog = "1053" }));

        var fields = command.Check(KnownCommunes).Select(p => p.Field);

        Assert.That(fields, Is.EquivalentTo(new[]
        {
            "ej.finess", "ej.legalName", "eg.finess", "eg.address.postalCode", "eg.address.communeCog",
        }));
    }

    [Test]
    public void a_command_without_its_parts_names_them()
    {
        Assert.That(new RegisterEstablishment(null, null).Check(KnownCommunes).Select(p => p.Field), Is.EqualTo(new[] { "ej", "eg" }));
    }

    [Test]
    public void a_commune_the_reference_data_does_not_know_is_refused_since_no_region_could_validate_the_eg()
    {
        var command = Command() with { EG = Command().EG! with { Address = Address with { CommuneCog = "99999" } } };

        var rejection = Assert.Throws<CommandRejected>(() => EstablishmentRegistration.Decide(command, null, null, KnownCommunes, Importer, Now));

        Assert.That(rejection!.Problems.Select(p => p.Field), Is.EqualTo(new[] { "eg.address.communeCog" }));
    }

    [Test]
    public void out_of_range_coordinates_a_long_siret_and_a_bad_siren_are_refused_with_their_fields()
    {
        var command = new RegisterEstablishment(
            Command().EJ! with { Siren = "12345" },
            Command().EG! with { Siret = new string('1', 100_000), Coordinates = new GeoPoint(999, double.NaN) });

        var fields = command.Check(KnownCommunes).Select(p => p.Field);

        Assert.That(fields, Is.EquivalentTo(new[] { "ej.siren", "eg.siret", "eg.coordinates.latitude", "eg.coordinates.longitude" }));
    }

    [TestCase(double.PositiveInfinity, 5.0)]
    [TestCase(46.2, double.NegativeInfinity)]
    [TestCase(-90.5, 5.0)]
    [TestCase(46.2, 180.01)]
    public void coordinates_must_be_a_finite_wgs84_position(double latitude, double longitude)
    {
        var command = Command() with { EG = Command().EG! with { Coordinates = new GeoPoint(latitude, longitude) } };

        Assert.That(command.Check(KnownCommunes), Has.Count.EqualTo(1));
    }

    [TestCase("010008407", true)]
    [TestCase("2A0000154", true)]
    [TestCase("2B0000012", true)]
    [TestCase("970100010", true)]
    [TestCase("10008407", false, TestName = "leading zero lost by a spreadsheet")]
    [TestCase("2C0000154", false)]
    [TestCase("01000840A", false)]
    public void finess_numbers_are_nine_characters_with_corsica_letters(string finess, bool wellFormed)
    {
        Assert.That(FinessNumber.IsWellFormed(finess), Is.EqualTo(wellFormed));
    }
}
