using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using RorNational.Domain.Capacity;
using RorNational.Fhir;
using RorNational.Fhir.Ror;

namespace RorNational.IntegrationTests.Capacity.Publishing;

/// <summary>
/// What capacity supply writes as JSON without the FHIR model is, byte for byte, what the FHIR
/// serializer writes: a Location's capacity extensions and its meta stamp. No database needed.
/// </summary>
public class writing_capacity_json_directly
{
    private static readonly string[] Statuses = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "99"];
    private static readonly string?[] Optional = [null, "01", "02", "03", "04", "99"];

    private static IEnumerable<CapacityIndicator> Indicators()
    {
        var dates = new[]
        {
            new DateTimeOffset(2026, 3, 1, 14, 5, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 1, 14, 5, 0, TimeSpan.FromHours(1)),
            new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.FromHours(-5)).AddTicks(1_234_500),
            new DateTimeOffset(2026, 7, 14, 0, 0, 0, TimeSpan.FromMinutes(330)).AddMilliseconds(7),
        };
        string?[] comments = [null, "lits fermés : travaux « été » + 2 réservés", "quote \" backslash \\ tab \t line\nend <b>&amp;</b> 'x' 😷 \u0001", " padded "];
        var i = 0;
        foreach (var status in Statuses)
        foreach (var gender in Optional)
        foreach (var closing in new[] { null, "01", "03" })
        {
            i++;
            yield return new CapacityIndicator(
                new CapacityKey(status, ((i % 5) + 1).ToString("D2"), gender, closing, Optional[i % Optional.Length], Optional[(i / 2) % 3], ((i % 3) + 1).ToString("D2")),
                i % 2 == 0 ? "01" : "02", i * 7 % 40, ((i % 4) + 1).ToString("D2"), dates[i % dates.Length])
            {
                Comment = comments[i % comments.Length],
            };
        }
    }

    [Test]
    public void a_capacity_extension_is_written_as_the_fhir_serializer_writes_it()
    {
        var indicators = Indicators().ToList();
        var byFirely = FhirJson.Serialize(new Location { Extension = [.. indicators.Select(CapacityExtension.Of)] });
        var direct = new JsonObject
        {
            ["resourceType"] = "Location",
            ["extension"] = new JsonArray([.. indicators.Select(i => (JsonNode)CapacityExtensionJson.Of(i))]),
        }.ToJsonString(FhirJson.Options);

        Assert.That(direct, Is.EqualTo(byFirely));
    }

    [TestCase(0L)]
    [TestCase(465L)]
    [TestCase(400L)]
    [TestCase(10L)]
    public void a_meta_stamp_is_written_as_the_fhir_serializer_writes_it(long milliseconds)
    {
        foreach (var offset in new[] { TimeSpan.Zero, TimeSpan.FromHours(2), TimeSpan.FromMinutes(-210) })
        {
            var instant = new DateTimeOffset(2026, 12, 2, 7, 45, 14, offset).AddMilliseconds(milliseconds);
            var byFirely = FhirJson.Serialize(new Location { Meta = new Meta { VersionId = "12", LastUpdated = instant } });
            var direct = new JsonObject
            {
                ["resourceType"] = "Location",
                ["meta"] = new JsonObject { ["versionId"] = "12", ["lastUpdated"] = CapacityExtensionJson.Instant(instant) },
            }.ToJsonString(FhirJson.Options);

            Assert.That(direct, Is.EqualTo(byFirely), $"{instant:O}");
        }
    }
}
