using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Importing;

namespace RorNational.Domain.Tests.Establishments.Importing;

public sealed class importing_a_finess_line
{
    private static readonly Actor Importer = new("finess-import");
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 30, 0, TimeSpan.Zero);
    private static readonly GeoPoint Fleyriat = new(46.222286, 5.209181);

    private static EGAdministrativeData Line(GeoPoint? coordinates) =>
        new("010000024", "010780054", "CH DE FLEYRIAT", new PostalAddress("900", "RTE", "DE PARIS", null, null, "01440", "VIRIAT", "01451"))
        {
            Coordinates = coordinates,
        };

    private static EG Known(GeoPoint? coordinates) => EG.Evolve(null, new EGRegistered(Line(coordinates), Importer, Now))!;

    [Test]
    public void given_known_coordinates_when_the_line_gives_none_then_they_are_kept_and_nothing_happens()
    {
        var decision = FinessImportDecisions.Decide(null, Known(Fleyriat), null, Line(null), Importer, Now);

        Assert.That((decision.EGEvents, decision.Outcome), Is.EqualTo((Array.Empty<object>(), ImportOutcome.Unchanged)));
    }

    [Test]
    public void given_known_coordinates_when_the_line_changes_the_name_without_coordinates_then_the_update_keeps_them()
    {
        var decision = FinessImportDecisions.Decide(null, Known(Fleyriat), null, Line(null) with { Name = "HOPITAL DE FLEYRIAT" }, Importer, Now);

        var update = (EGAdministrativeDataUpdated)decision.EGEvents.Single();
        Assert.That(update.Data.Coordinates, Is.EqualTo(Fleyriat));
    }

    [Test]
    public void given_known_coordinates_when_the_line_gives_others_then_they_replace_them()
    {
        var moved = new GeoPoint(46.2, 5.2);

        var decision = FinessImportDecisions.Decide(null, Known(Fleyriat), null, Line(moved), Importer, Now);

        Assert.That(((EGAdministrativeDataUpdated)decision.EGEvents.Single()).Data.Coordinates, Is.EqualTo(moved));
    }
}
