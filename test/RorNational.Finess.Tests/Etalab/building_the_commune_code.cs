using RorNational.Finess.Etalab;

namespace RorNational.Finess.Tests.Etalab;

public sealed class building_the_commune_code
{
    [TestCase("01", "451", "01451", TestName = "metropolitan: département then commune")]
    [TestCase("75", "104", "75104", TestName = "Paris arrondissement")]
    [TestCase("2A", "004", "2A004", TestName = "Corse-du-Sud keeps its letter")]
    [TestCase("2B", "033", "2B033", TestName = "Haute-Corse keeps its letter")]
    [TestCase("9A", "101", "97101", TestName = "9A is Guadeloupe, 971")]
    [TestCase("9B", "209", "97209", TestName = "9B is Martinique, 972")]
    [TestCase("9C", "302", "97302", TestName = "9C is Guyane, 973")]
    [TestCase("9D", "411", "97411", TestName = "9D is La Réunion, 974")]
    [TestCase("9E", "502", "97502", TestName = "9E is Saint-Pierre-et-Miquelon, 975")]
    [TestCase("9F", "611", "97611", TestName = "9F is Mayotte, 976")]
    [TestCase("9J", "613", "98613", TestName = "9J is Wallis-et-Futuna, 986")]
    [TestCase("9A", "123", "97701", TestName = "Saint-Barthelemy filed under Guadeloupe has its own code since 2007")]
    [TestCase("9A", "127", "97801", TestName = "Saint-Martin filed under Guadeloupe has its own code since 2007")]
    public void the_finess_fields_make_the_insee_code(string departement, string commune, string cog)
    {
        Assert.That(CommuneCode.FromFiness(departement, commune), Is.EqualTo(cog));
    }

    [TestCase("9B", "107", TestName = "an overseas commune of another département")]
    [TestCase("1", "451", TestName = "a département that lost its leading zero")]
    [TestCase("01", "51", TestName = "a commune that lost its leading zero")]
    [TestCase("20", "004", TestName = "Corsica before 1976")]
    [TestCase("97", "101", TestName = "an overseas département written with digits")]
    [TestCase("9Z", "101", TestName = "an unknown overseas code")]
    [TestCase(null, "101", TestName = "no département")]
    public void fields_that_make_no_code_give_none(string? departement, string commune)
    {
        Assert.That(CommuneCode.FromFiness(departement, commune), Is.Null);
    }
}
