namespace RorNational.Finess.Tests.Etalab;

public sealed class refusing_spreadsheet_copies
{
    [Test]
    public void a_copy_resaved_by_a_spreadsheet_is_refused_before_any_line_is_given()
    {
        var refusal = Assert.ThrowsAsync<FinessExtractRefused>(() => Extracts.ReadAllAsync(Extracts.SpreadsheetCopy));

        Assert.That(refusal!.Reason, Does.Contain("re-saved by a spreadsheet"));
        Assert.That(refusal.Reason, Does.Contain("line 2"));
        Assert.That(refusal.Reason, Does.Contain("10000024 has 8 digits"));
        Assert.That(refusal.Reason, Does.Contain("Nothing was imported"));
    }

    [TestCase("structureet;690000013;", "structureet;69000013;", "69000013 has 8 digits", TestName = "a FINESS number that lost its leading zero")]
    [TestCase(";26690027300016;", ";2,66900E+13;", "scientific notation", TestName = "a SIRET in scientific notation with a comma")]
    [TestCase(";26690027300016;", ";2.67E+13;", "scientific notation", TestName = "a SIRET in scientific notation with a point")]
    [TestCase(";1933-01-01;1933-01-01;2025-11-18;", ";01/01/1933;01/01/1933;18/11/2025;", "01/01/1933 is no longer written yyyy-MM-dd", TestName = "dates rewritten the French way")]
    [TestCase(";383;69;RHONE;", ";383;9;RHONE;", "département code 9 lost its leading zero", TestName = "a département that lost its leading zero")]
    [TestCase("finess;etalab;111;2026-05-12", "finess;etalab;111;12/05/2026", "line 1", TestName = "the extract date rewritten")]
    public void one_symptom_in_the_first_lines_is_enough(string genuine, string damaged, string reason)
    {
        var refusal = Assert.ThrowsAsync<FinessExtractRefused>(() =>
            Extracts.ReadAllAsync(Extracts.Sample, text => ReplaceFirst(text, genuine, damaged)));

        Assert.That(refusal!.Reason, Does.Contain(reason));
    }

    [Test]
    public async Task damage_far_into_the_file_is_a_rejection_of_that_line_only()
    {
        var sample = Extracts.Text(Extracts.Sample).Split('\n');
        var herriot = sample[1];
        var filler = Enumerable.Range(0, 250).Select(i => herriot.Replace("690000013", $"69{i + 100000:D7}"));
        var damaged = herriot.Replace("690000013", "690999999").Replace(";26690027300016;", ";2,66900E+13;");
        var text = string.Join('\n', [sample[0], .. filler, damaged, .. sample[2..]]);

        var (_, lines) = await Extracts.ReadAllAsync(System.Text.Encoding.UTF8.GetBytes(text));

        var rejection = lines.OfType<FinessRejection>().Single();
        Assert.That(rejection.Position, Is.EqualTo(252));
        Assert.That(rejection.Message, Does.Contain("scientific notation"));
        Assert.That(lines.OfType<FinessEstablishment>().Count(), Is.EqualTo(250 + 18));
    }

    private static string ReplaceFirst(string text, string genuine, string damaged)
    {
        var at = text.IndexOf(genuine, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), $"'{genuine}' is in the sample");
        return string.Concat(text.AsSpan(0, at), damaged, text.AsSpan(at + genuine.Length));
    }
}
