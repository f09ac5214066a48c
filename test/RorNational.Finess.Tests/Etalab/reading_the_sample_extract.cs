using RorNational.Domain.Common;

namespace RorNational.Finess.Tests.Etalab;

public sealed class reading_the_sample_extract
{
    private FinessExtractInfo _info = null!;
    private List<FinessLine> _lines = null!;
    private Dictionary<string, FinessEstablishment> _establishments = null!;

    [OneTimeSetUp]
    public async Task Read()
    {
        (_info, _lines) = await Extracts.ReadAllAsync(Extracts.Sample);
        _establishments = _lines.ByFiness();
    }

    [Test]
    public void it_reads_with_no_rejection_and_no_warning()
    {
        Assert.That(_lines.Where(l => l is not FinessEstablishment), Is.Empty);
        Assert.That(_establishments, Has.Count.EqualTo(19));
    }

    [Test]
    public void the_extract_says_it_is_a_full_etalab_extract_of_its_date_in_utf8()
    {
        Assert.That(_info, Is.EqualTo(new FinessExtractInfo(FinessExtractFormat.Etalab, new DateOnly(2026, 5, 12),
            IsFullExtract: true, "utf-8", Compressed: false)));
    }

    [Test]
    public void a_structureet_line_gives_every_administrative_field()
    {
        var herriot = _establishments["690000013"];

        Assert.That(herriot.Position, Is.EqualTo(2));
        Assert.That(herriot.EJ, Is.Null, "the etalab extract names the EJ by its number only");
        var eg = herriot.EG;
        Assert.That(eg with { Coordinates = null }, Is.EqualTo(
            new Domain.Establishments.EGAdministrativeData("690000013", "690781810", "HOPITAL EDOUARD HERRIOT",
                new PostalAddress("5", "PL", "D ARSONVAL", null, null, "69437", "LYON CEDEX 03", "69383"))
            {
                LongName = "HÔPITAL ÉDOUARD HERRIOT - HOSPICES CIVILS DE LYON",
                Siret = "26690027300016",
                Category = new CodedValue("101", "Centre Hospitalier Régional (C.H.R.)"),
                CategoryAggregate = new CodedValue("1101", "Centres Hospitaliers Régionaux"),
                PublicServiceParticipation = new CodedValue("1", "Etablissement public de santé"),
                Phone = "0472110069",
                Fax = "0472110070",
                OpeningDate = new DateOnly(1933, 1, 1),
            }));
        Assert.That(eg.Coordinates!.Latitude, Is.EqualTo(45.7425).Within(0.00001));
        Assert.That(eg.Coordinates.Longitude, Is.EqualTo(4.8815).Within(0.00001));
    }

    [Test]
    public void one_ej_with_several_egs_is_given_as_several_establishments_naming_it()
    {
        var hcl = _establishments.Values.Where(e => e.EG.EJFiness == "690781810").Select(e => e.EG.Finess);

        Assert.That(hcl, Is.EquivalentTo(new[] { "690000013", "690000021", "690000039" }));
    }

    [Test]
    public void the_long_name_is_left_out_when_empty_or_the_same_as_the_name()
    {
        Assert.That(_establishments["010002350"].EG.LongName, Is.Null);
        Assert.That(_establishments["350004230"].EG.LongName, Is.Null);
    }

    [Test]
    public void the_repetition_index_goes_with_the_house_number_and_the_distribution_complement_is_the_complement()
    {
        var address = _establishments["350004230"].EG.Address;

        Assert.That(address.HouseNumber, Is.EqualTo("12 B"));
        Assert.That(address.Complement, Is.EqualTo("BATIMENT A"));
    }

    [Test]
    public void a_cedex_routing_line_gives_the_postal_code_and_the_routing_city_and_the_box_is_the_lieu_dit()
    {
        var address = _establishments["010003507"].EG.Address;

        Assert.That((address.PostalCode, address.City, address.LieuDit, address.CommuneCog),
            Is.EqualTo(("01012", "BOURG EN BRESSE CEDEX", "BP 401", "01053")));
    }

    [Test]
    public void quoted_fields_keep_their_quotes_and_their_neighbours_stay_in_place()
    {
        var lieuDeVie = _establishments["240001235"].EG;

        Assert.That(lieuDeVie.Name, Is.EqualTo("LIEU DE VIE \"LE MOULIN\""));
        Assert.That(lieuDeVie.LongName, Is.EqualTo("LIEU DE VIE ET D'ACCUEIL \"LE MOULIN\""));
        Assert.That(lieuDeVie.Address.CommuneCog, Is.EqualTo("24322"));
    }

    [TestCase("2A0000089", "2A004")]
    [TestCase("2B0000384", "2B033")]
    [TestCase("970100529", "97101")]
    [TestCase("970211207", "97209")]
    [TestCase("970302220", "97302")]
    [TestCase("970403459", "97411")]
    [TestCase("980500789", "97611")]
    public void corsican_and_overseas_establishments_get_their_insee_commune_code(string finess, string cog)
    {
        Assert.That(_establishments[finess].EG.Address.CommuneCog, Is.EqualTo(cog));
    }

    [TestCase("2A0000089", 41.9265, 8.7330)]
    [TestCase("970100529", 16.2405, -61.5300)]
    [TestCase("970211207", 14.6170, -61.0560)]
    [TestCase("970302220", 4.9370, -52.3280)]
    [TestCase("970403459", -20.8890, 55.4450)]
    [TestCase("980500789", -12.7800, 45.2270)]
    [TestCase("010002350", 45.9583, 5.3583)]
    public void each_establishment_is_placed_from_the_system_its_geolocation_line_names(string finess, double latitude, double longitude)
    {
        var position = _establishments[finess].EG.Coordinates!;

        Assert.That(Distance.Metres(position, new GeoPoint(latitude, longitude)), Is.LessThan(1));
    }

    [Test]
    public void an_establishment_without_geolocation_line_has_no_coordinates()
    {
        Assert.That(_establishments["690000047"].EG.Coordinates, Is.Null);
        Assert.That(_establishments.Values.Count(e => e.EG.Coordinates is null), Is.EqualTo(4),
            "one in the original lines, and the three establishments of samples/structures");
    }

    [Test]
    public void every_establishment_passes_the_domain_checks()
    {
        Assert.That(_establishments.Values.SelectMany(e => e.EG.Check()), Is.Empty);
    }
}
