using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Fhir.Access;
using RorNational.Fhir.Availability.Measures.Searching;
using RorNational.Fhir.Http;
using Wolverine.Http;

namespace RorNational.Fhir.Availability.Measures;

/// <summary>
/// FHIR Measure and MeasureReport of the bed availability: read and search, one route each so
/// that the CapabilityStatement sees them. MeasureReports are computed on each request.
/// </summary>
public static class MeasureEndpoints
{
    [WolverineGet("/fhir/Measure/{id}")]
    public static Task ReadMeasure(string id, HttpContext context, AvailabilityMeasures measures)
    {
        var format = FhirFormat.Of(context.Request);
        var measure = measures.Find(id) ?? throw CommandRejected.Because(RejectionKind.NotFound, $"Measure/{id} is not known");
        return FhirOutput.WriteAsync(context, StatusCodes.Status200OK, FhirJson.Serialize(measure), format);
    }

    [WolverineGet("/fhir/MeasureReport/{id}")]
    public static async Task ReadMeasureReport(string id, HttpContext context, AvailabilityReports reports, AccessProfiles profiles)
    {
        var format = FhirFormat.Of(context.Request);
        var parsed = ReportTerritory.ParseReportId(id) ?? throw NotFound(id);
        var computed = await reports.ComputeAsync(new HashSet<string>([parsed.Regroupement], StringComparer.Ordinal), profiles.For(context), context.RequestAborted);
        var report = computed.FirstOrDefault(r => r.Id == id) ?? throw NotFound(id);
        await FhirOutput.WriteAsync(context, StatusCodes.Status200OK, FhirJson.Serialize(report.Resource), format);
    }

    [WolverineGet("/fhir/Measure")]
    public static Task<IResult> SearchMeasures(HttpContext context, MeasureSearchResponder search) => search.AnswerAsync(MeasureSearchParser.Measure, context);

    [WolverinePost("/fhir/Measure/_search")]
    public static Task<IResult> PostSearchMeasures(HttpContext context, MeasureSearchResponder search) => search.AnswerAsync(MeasureSearchParser.Measure, context);

    [WolverineGet("/fhir/MeasureReport")]
    public static Task<IResult> SearchMeasureReports(HttpContext context, MeasureSearchResponder search) => search.AnswerAsync(MeasureSearchParser.MeasureReport, context);

    [WolverinePost("/fhir/MeasureReport/_search")]
    public static Task<IResult> PostSearchMeasureReports(HttpContext context, MeasureSearchResponder search) => search.AnswerAsync(MeasureSearchParser.MeasureReport, context);

    private static CommandRejected NotFound(string id) => CommandRejected.Because(RejectionKind.NotFound,
        $"MeasureReport/{id} is not known: ids are <territory>-<regroupement> (national-, region-<code>-, departement-<code>-), " +
        "for a territory with at least one unit of the regroupement the caller may see");
}
