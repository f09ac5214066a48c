using System.Globalization;
using Hl7.Fhir.Model;
using RorNational.Domain.Capacity;
using RorNational.Domain.Common;
using RorNational.Fhir;
using RorNational.Fhir.Errors;
using RorNational.Fhir.Ror;
using RorNational.Offer.Capacity.Supplying;
using RorNational.Security.Http;

namespace RorNational.Offer.Capacity.Answers;

/// <summary>The answer of an entry: refused (status and OperationOutcome) or applied (with what the supplier must know).</summary>
public static class EntryAnswers
{
    /// <summary>The answer to a refusal, as a single request would have been answered; null for a failure that is not a refusal.</summary>
    public static EntryAnswer? Refused(Exception refusal) => refusal switch
    {
        CapacityChangeRefused capacity => Of((int)CapacityOutcomes.StatusOf(capacity.Kind), CapacityOutcomes.From(capacity)),
        CommandRejected rejection => Of((int)OperationOutcomes.StatusOf(rejection.Kind), OperationOutcomes.From(rejection)),
        HttpRefusal http => Of((int)OperationOutcomes.StatusOf(http.Kind), OperationOutcomes.From(http)),
        _ => null,
    };

    public static EntryAnswer Refused(int status, OperationOutcome.IssueType code, string diagnostics, string? expression = null) =>
        Of(status, new OperationOutcome
        {
            Issue = [new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error, Code = code, Diagnostics = diagnostics,
                Expression = expression is null ? [] : [expression],
            }],
        });

    /// <summary>
    /// An applied change: its Location (version and time filled once the transaction rendered
    /// it), and one information issue per outdated change, recorded but not applied.
    /// </summary>
    public static EntryAnswer Applied(string locationId, IEnumerable<object> events)
    {
        var outdated = events.OfType<OutdatedCapacityChangeRecorded>().ToList();
        var issues = outdated.Select(Outdated).ToList();
        if (issues.Count == 0)
            issues.Add(new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Information,
                Code = OperationOutcome.IssueType.Informational,
                Diagnostics = $"Location/{locationId} : changement de capacité appliqué.",
            });
        return new EntryAnswer
        {
            Status = 200,
            LocationId = locationId,
            Outcome = FhirJson.Serialize(new OperationOutcome { Issue = issues }),
            HasInformation = outdated.Count > 0,
        };
    }

    private static OperationOutcome.IssueComponent Outdated(OutdatedCapacityChangeRecorded change) => new()
    {
        Severity = OperationOutcome.IssueSeverity.Information,
        Code = OperationOutcome.IssueType.Informational,
        Diagnostics =
            $"Changement enregistré mais non appliqué : sa date de mise à jour (capacityUpdateDate {Instant(change.Indicator.SourceDate)}) " +
            $"est antérieure à celle de l'indicateur en base ({Instant(change.CurrentSourceDate)}), qui garde ses valeurs. Indicateur : {change.Indicator.Key}",
        Expression = [$"Location.extension.where(url='{RorCanonical.Extensions.LocationSupportedCapacity}')"],
    };

    private static string Instant(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static EntryAnswer Of(int status, OperationOutcome outcome) => new() { Status = status, Outcome = FhirJson.Serialize(outcome) };
}
