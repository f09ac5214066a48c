using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;
using Microsoft.AspNetCore.Http;
using RorNational.Fhir;
using RorNational.Offer.Capacity.Supplying;

namespace RorNational.Offer.Capacity.PostBundle;

/// <summary>
/// A refused transaction: nothing of it was applied. Its status and OperationOutcome are those
/// of the entry at fault, each issue naming that entry (index and fullUrl) in its diagnostics
/// and with <c>Bundle.entry[i]</c> after the protocol's own expression.
/// </summary>
public sealed class BundleRefusal(BundleEntryRequest entry, EntryAnswer answer) : IResult
{
    public Task ExecuteAsync(HttpContext http)
    {
        var outcome = FhirJson.Parse<OperationOutcome>(answer.Outcome!);
        foreach (var issue in outcome.Issue)
        {
            issue.Diagnostics = $"{entry.Name}: {issue.Diagnostics}";
            issue.Expression = [.. issue.Expression, $"Bundle.entry[{entry.Index}]"];
        }
        http.Response.StatusCode = answer.Status;
        http.Response.ContentType = FhirJson.ContentType;
        return http.Response.WriteAsync(FhirJson.Serialize(outcome), http.RequestAborted);
    }
}
