using Hl7.Fhir.Model;

namespace RorNational.IntegrationTests.Faults;

/// <summary>A 503's OperationOutcome: one issue of code transient, whose diagnostics this returns.</summary>
public static class TransientRefusal
{
    public static string DiagnosticsOf(string body)
    {
        var outcome = RorNational.Fhir.FhirJson.Parse<OperationOutcome>(body);
        Assert.That(outcome.Issue.Single().Code, Is.EqualTo(OperationOutcome.IssueType.Transient));
        return outcome.Issue.Single().Diagnostics ?? "";
    }
}
