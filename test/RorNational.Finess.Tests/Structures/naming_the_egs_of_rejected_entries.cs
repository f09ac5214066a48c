namespace RorNational.Finess.Tests.Structures;

/// <summary>
/// A rejected entry still names the EG it holds, each in a rejection of its own, so that the
/// importer counts them as listed and a full extract does not close them.
/// </summary>
public sealed class naming_the_egs_of_rejected_entries
{
    [Test]
    public async Task the_egs_of_an_ej_with_a_malformed_number_are_each_rejected_by_number()
    {
        var (_, lines) = await Extracts.ReadAllAsync(Extracts.Structures,
            json => json.Replace("\"numFinessPm\": \"010780054\"", "\"numFinessPm\": \"0107800\""));

        var rejections = lines.OfType<FinessRejection>().Where(r => r.Position == 1).ToList();
        Assert.That(rejections.Select(r => r.Finess), Is.EqualTo(new[] { "0107800", "010000024", "010787190" }));
        Assert.That(rejections[1].Message, Is.EqualTo("EG 010000024 is not imported: its EJ '0107800' is not a FINESS number"));
        Assert.That(lines.ByFiness().Keys, Is.EquivalentTo(new[] { "2A0000261" }));
    }

    [Test]
    public async Task the_egs_of_an_entry_not_in_the_layout_are_each_rejected_by_number()
    {
        var (_, lines) = await Extracts.ReadAllAsync(Extracts.Structures,
            json => json.Replace("\"numFinessPm\": \"2A0000154\"", "\"numFinessPm\": {\"value\": \"2A0000154\"}"));

        var rejections = lines.OfType<FinessRejection>().Where(r => r.Position == 2).ToList();
        Assert.That(rejections[0].Message, Does.StartWith("EJ entry is not in the FINESS Structures layout"));
        Assert.That(rejections.Skip(1).Select(r => r.Finess), Is.EqualTo(new[] { "2A0000261", "2A00002" }));
        Assert.That(lines.ByFiness().Keys, Is.EquivalentTo(new[] { "010000024" }));
    }
}
