namespace RorNational.Finess.Tests.Etalab;

public sealed class rejecting_lines
{
    private List<FinessLine> _lines = null!;

    [OneTimeSetUp]
    public async Task Read() => (_, _lines) = await Extracts.ReadAllAsync(Extracts.WithErrors);

    [Test]
    public void each_bad_line_is_rejected_with_its_line_number_and_the_reading_goes_on()
    {
        var rejections = _lines.OfType<FinessRejection>().Select(r => (r.Position, r.Message));

        Assert.That(rejections, Is.EqualTo(new[]
        {
            (3L, "a structureet line has 32 fields, this one has 31"),
            (4L, "'01A000049' is not a FINESS number (nofinesset)"),
            (6L, "unknown record type 'structurej'"),
            (8L, "ligneacheminement 'LYON' is not a postal code followed by a city"),
            (12L, "coordinates (abc, 6520000.0) are not decimal numbers"),
            (14L, "a geolocalisation line has at least 6 fields, this one has 3"),
        }));
    }

    [Test]
    public void the_good_lines_around_them_are_read()
    {
        Assert.That(_lines.OfType<FinessEstablishment>().Select(e => (e.Position, e.EG.Finess)), Is.EqualTo(new[]
        {
            (2L, "010000032"), (5L, "690000070"), (9L, "690000096"), (10L, "970210126"),
        }));
    }

    [Test]
    public void a_quoted_field_may_hold_a_semicolon()
    {
        var centre = _lines.ByFiness()["690000070"].EG;

        Assert.That(centre.LongName, Is.EqualTo("CENTRE DE SANTE; SITE NORD"));
        Assert.That(centre.Address.CommuneCog, Is.EqualTo("69386"));
        Assert.That(centre.Coordinates, Is.Not.Null, "its position comes from its geolocalisation line, after the bad one");
    }

    [Test]
    public void a_stray_quote_is_kept_as_written_with_a_warning()
    {
        Assert.That(_lines.ByFiness()["690000096"].EG.Name, Is.EqualTo("CMPP L\"ESPOIR"));
        Assert.That(Warnings(9), Is.EqualTo(new[] { "a quote inside an unquoted field was read as written" }));
    }

    [Test]
    public void an_unknown_coordinate_system_keeps_the_establishment_without_coordinates_and_warns_on_its_line()
    {
        Assert.That(_lines.ByFiness()["010000032"].EG.Coordinates, Is.Null);
        Assert.That(Warnings(11).Single(), Does.Contain("'1,ATLASANTE,96,BAN,EPSG:9999 Projection inconnue' is unknown"));
    }

    [Test]
    public void coordinates_that_fall_outside_their_system_are_left_out_with_a_warning()
    {
        Assert.That(_lines.ByFiness()["970210126"].EG.Coordinates, Is.Null);
        Assert.That(Warnings(15).Single(), Does.Contain("outside the area of EPSG:2154"));
    }

    [Test]
    public void a_commune_that_does_not_belong_to_its_overseas_departement_gives_no_commune_code_and_a_warning()
    {
        Assert.That(_lines.ByFiness()["970210126"].EG.Address.CommuneCog, Is.Null);
        Assert.That(Warnings(10).Single(), Does.Contain("département '9B' and commune '107' make no INSEE commune code"));
    }

    private IEnumerable<string> Warnings(long line) =>
        _lines.OfType<FinessWarning>().Where(w => w.Position == line).Select(w => w.Message);

    [TestCase("NaN", "Infinity")]
    [TestCase("Infinity", "6517621.2")]
    [TestCase("846282.4", "-Infinity")]
    public async Task coordinates_that_are_not_finite_numbers_reject_their_line_and_the_rest_is_read(string x, string y)
    {
        var (_, lines) = await Extracts.ReadAllAsync(Extracts.Sample, csv => csv.Replace(
            "geolocalisation;690000013;846282.4;6517621.2;", $"geolocalisation;690000013;{x};{y};"));

        var rejection = lines.OfType<FinessRejection>().Single();
        Assert.That((rejection.Finess, rejection.Message), Is.EqualTo(("690000013", $"coordinates ({x}, {y}) are not decimal numbers")));
        Assert.That(lines.ByFiness()["690000013"].EG.Coordinates, Is.Null);
        Assert.That(lines.OfType<FinessEstablishment>().Count(e => e.EG.Coordinates is not null), Is.GreaterThan(10));
    }

    [Test]
    public async Task coordinates_too_large_for_any_system_leave_the_establishment_without_coordinates_with_a_warning()
    {
        var huge = "1" + new string('0', 300) + ".5";

        var (_, lines) = await Extracts.ReadAllAsync(Extracts.Sample, csv => csv.Replace(
            "geolocalisation;690000013;846282.4;6517621.2;", $"geolocalisation;690000013;{huge};-{huge};"));

        Assert.That(lines.ByFiness()["690000013"].EG.Coordinates, Is.Null);
        Assert.That(lines.OfType<FinessWarning>().Single(w => w.Finess == "690000013").Message, Does.Contain("outside the area of EPSG:2154"));
    }
}
