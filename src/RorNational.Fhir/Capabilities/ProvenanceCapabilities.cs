using Hl7.Fhir.Model;
using RorNational.Fhir.Provenances.Serving;

namespace RorNational.Fhir.Capabilities;

/// <summary>What the CapabilityStatement says of Provenance: the provenance of writes, its search parameters.</summary>
public static class ProvenanceCapabilities
{
    public const string Type = "Provenance";

    public static bool Describes(string type) => type == Type;

    public static CapabilityStatement.ResourceComponent DescribeSearch(CapabilityStatement.ResourceComponent resource)
    {
        resource.Documentation =
            "Auditor clients only, under their own access profile (a Provenance none of whose targets the profile may see is neither " +
            "returned nor counted; targets it may not see are removed). One Provenance per write that published new versions: target " +
            "= the versions written, agent = the client (author; verifier for an accepted dossier) on behalf of the establishment, " +
            "activity (v3-DataOperation), reason, entity revision = each target's previous version. Never changed nor deleted (405). " +
            "Chained by hash with the AuditEvents: AuditEvent/$verify-integrity covers them. Searches page from the newest with _count " +
            "(50, at most 1000); _summary=count answers the total alone, _total=none skips it.";
        resource.SearchParam = ProvenanceQuery.Parameters.Select(code => new CapabilityStatement.SearchParamComponent
        {
            Name = code,
            Definition = $"http://hl7.org/fhir/SearchParameter/Provenance-{code}",
            Type = code == "recorded" ? SearchParamType.Date : SearchParamType.Reference,
            Documentation = code switch
            {
                "agent" => "the client id of an agent, author or verifier (urn:ror:client-id)",
                "target" => "a resource written (Location/1: any version) or one version (Location/1/_history/3)",
                _ => "when the write was stored; eq ne gt ge lt le sa eb",
            },
        }).ToList();
        return resource;
    }
}
