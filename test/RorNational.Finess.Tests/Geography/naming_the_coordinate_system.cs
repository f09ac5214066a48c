using RorNational.Finess.Geography;

namespace RorNational.Finess.Tests.Geography;

public sealed class naming_the_coordinate_system
{
    [TestCase("1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93", 2154)]
    [TestCase("1,ATLASANTE,96,BAN,EPSG:2154 RGF93 / Lambert-93 (Métropole)", 2154)]
    [TestCase("1,ATLASANTE,96,BAN,L93_METROPOLE", 2154)]
    [TestCase("2,ATLASANTE,96,BAN,EPSG:5490 RGAF09/UTM Zone 20N (Antilles)", 5490)]
    [TestCase("1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,UTM_N20", 5490)]
    [TestCase("1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,UTM_N22", 2972)]
    [TestCase("1,ATLASANTE,96,BAN,EPSG:2972 RGFG95/UTM zone 22N (Guyane)", 2972)]
    [TestCase("1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,UTM_S40", 2975)]
    [TestCase("1,ATLASANTE,96,BAN,EPSG:2975 RGR92/UTM zone 40S (La Réunion)", 2975)]
    [TestCase("1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,UTM_S38", 4471)]
    [TestCase("2,ATLASANTE,100,BDADRESSE,EPSG:4471 RGM04/UTM zone 38S (Mayotte)", 4471)]
    [TestCase("1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,UTM_N21", 4467)]
    [TestCase("2,ATLASANTE,90,BAN,WGS84/UTM zone 21N (St-Pierre-et-Miquelon)", 32621)]
    [TestCase("4,ATLASANTE,.,MAPS 06-11-2024,WGS84/UTM zone 1S (Wallis-et-Futuna)", 32701)]
    public void the_source_names_the_system(string source, int epsg)
    {
        Assert.That(GeocodingSource.EpsgCode(source), Is.EqualTo(epsg));
    }

    [TestCase("")]
    [TestCase("1,ATLASANTE,96,BAN,EPSG:9999 Projection inconnue")]
    [TestCase("1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_II_ETENDU")]
    public void an_unknown_source_names_none(string source)
    {
        Assert.That(GeocodingSource.EpsgCode(source), Is.Null);
    }
}
