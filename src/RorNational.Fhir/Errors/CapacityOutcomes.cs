using System.Net;
using Hl7.Fhir.Model;
using RorNational.Domain.Capacity;

namespace RorNational.Fhir.Errors;

/// <summary>
/// A refused capacity change as the national supplier protocol answers it: the status and
/// issue code of its kind, one issue per problem, each with its FHIRPath expression.
/// </summary>
public static class CapacityOutcomes
{
    public static HttpStatusCode StatusOf(CapacityRefusalKind kind) => kind switch
    {
        CapacityRefusalKind.Invalid or CapacityRefusalKind.BusinessRule => HttpStatusCode.BadRequest,
        CapacityRefusalKind.IndicatorNotFound or CapacityRefusalKind.ZoneNotFound => HttpStatusCode.NotFound,
        CapacityRefusalKind.MultipleMatches => HttpStatusCode.PreconditionFailed,
        _ => HttpStatusCode.BadRequest,
    };

    public static OperationOutcome.IssueType IssueTypeOf(CapacityRefusalKind kind) => kind switch
    {
        CapacityRefusalKind.Invalid => OperationOutcome.IssueType.Invalid,
        CapacityRefusalKind.BusinessRule => OperationOutcome.IssueType.BusinessRule,
        CapacityRefusalKind.IndicatorNotFound or CapacityRefusalKind.ZoneNotFound => OperationOutcome.IssueType.NotFound,
        CapacityRefusalKind.MultipleMatches => OperationOutcome.IssueType.MultipleMatches,
        _ => OperationOutcome.IssueType.Invalid,
    };

    public static OperationOutcome From(CapacityChangeRefused refusal) => new()
    {
        Issue = refusal.Problems.Select(problem => Issue(refusal.Kind, problem)).ToList(),
    };

    public static OperationOutcome.IssueComponent Issue(CapacityRefusalKind kind, CapacityProblem problem) => new()
    {
        Severity = OperationOutcome.IssueSeverity.Error,
        Code = IssueTypeOf(kind),
        Diagnostics = problem.Diagnostics,
        Expression = problem.Expression is null ? [] : [problem.Expression],
    };
}
