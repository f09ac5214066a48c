using Hl7.Fhir.Model;
using RorNational.Fhir.Auditing.Recording;
using RorNational.Fhir.Auditing.Serving;

namespace RorNational.Fhir.Capabilities;

/// <summary>What the CapabilityStatement says of AuditEvent: BALP profiles, its search parameters, $verify-integrity.</summary>
public static class AuditCapabilities
{
    public const string Type = "AuditEvent";

    public static bool Describes(string type) => type == Type;

    public static CapabilityStatement.ResourceComponent DescribeSearch(CapabilityStatement.ResourceComponent resource)
    {
        resource.SupportedProfile = [BalpVocabulary.ReadProfile, BalpVocabulary.QueryProfile];
        resource.Documentation =
            "Auditor clients only. One AuditEvent per FHIR read, vread, history or search whose answer held data above the public " +
            "profile (IHE BALP Read or Query). Never changed nor deleted (PUT, PATCH, DELETE, POST: 405). Chained by hash with every " +
            "other audit record: $verify-integrity names the first broken link. Searches page from the newest with _count (50, at most " +
            "1000); _summary=count answers the total alone, _total=none skips it.";
        resource.SearchParam = AuditEventQuery.Parameters.Select(code => new CapabilityStatement.SearchParamComponent
        {
            Name = code,
            Definition = $"http://hl7.org/fhir/SearchParameter/AuditEvent-{code}",
            Type = code switch { "date" => SearchParamType.Date, "entity" => SearchParamType.Reference, _ => SearchParamType.Token },
            Documentation = code switch
            {
                "agent" => "the client id (urn:ror:client-id)",
                "entity" => "a resource read (Location/1: any version) or one version (Location/1/_history/3)",
                "entity-type" => "the type of a resource read (Location)",
                _ => null,
            },
        }).ToList();
        resource.Operation =
        [
            new CapabilityStatement.OperationComponent
            {
                Name = "verify-integrity",
                Definition = "urn:ror:OperationDefinition/AuditEvent-verify-integrity",
                Documentation = "GET [base]/AuditEvent/$verify-integrity: walks the audit chain; a Parameters with intact, checked, and the first broken link's position, record and reason.",
            },
        ];
        return resource;
    }
}
