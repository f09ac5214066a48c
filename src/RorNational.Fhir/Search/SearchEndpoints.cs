using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace RorNational.Fhir.Search;

/// <summary>
/// FHIR search: GET /fhir/{type}?... and POST /fhir/{type}/_search (form body), one route per
/// served type so that the CapabilityStatement sees each.
/// </summary>
public static class SearchEndpoints
{
    [WolverineGet("/fhir/Organization")]
    public static Task<IResult> SearchOrganizations(HttpContext context, SearchResponder search) => search.AnswerAsync("Organization", context);

    [WolverinePost("/fhir/Organization/_search")]
    public static Task<IResult> PostSearchOrganizations(HttpContext context, SearchResponder search) => search.AnswerAsync("Organization", context);

    [WolverineGet("/fhir/HealthcareService")]
    public static Task<IResult> SearchHealthcareServices(HttpContext context, SearchResponder search) => search.AnswerAsync("HealthcareService", context);

    [WolverinePost("/fhir/HealthcareService/_search")]
    public static Task<IResult> PostSearchHealthcareServices(HttpContext context, SearchResponder search) => search.AnswerAsync("HealthcareService", context);

    [WolverineGet("/fhir/Location")]
    public static Task<IResult> SearchLocations(HttpContext context, SearchResponder search) => search.AnswerAsync("Location", context);

    [WolverinePost("/fhir/Location/_search")]
    public static Task<IResult> PostSearchLocations(HttpContext context, SearchResponder search) => search.AnswerAsync("Location", context);

    [WolverineGet("/fhir/Practitioner")]
    public static Task<IResult> SearchPractitioners(HttpContext context, SearchResponder search) => search.AnswerAsync("Practitioner", context);

    [WolverinePost("/fhir/Practitioner/_search")]
    public static Task<IResult> PostSearchPractitioners(HttpContext context, SearchResponder search) => search.AnswerAsync("Practitioner", context);

    [WolverineGet("/fhir/PractitionerRole")]
    public static Task<IResult> SearchPractitionerRoles(HttpContext context, SearchResponder search) => search.AnswerAsync("PractitionerRole", context);

    [WolverinePost("/fhir/PractitionerRole/_search")]
    public static Task<IResult> PostSearchPractitionerRoles(HttpContext context, SearchResponder search) => search.AnswerAsync("PractitionerRole", context);
}
