namespace RorNational.Fhir.Auditing.Recording;

/// <summary>The systems and codes of IHE Basic Audit Log Patterns (BALP 1.1) an AuditEvent of a read carries.</summary>
public static class BalpVocabulary
{
    public const string ReadProfile = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.Read";
    public const string QueryProfile = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.Query";

    public const string AuditEventType = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    public const string RestfulInteraction = "http://hl7.org/fhir/restful-interaction";
    public const string Dicom = "http://dicom.nema.org/resources/ontology/DCM";
    public const string SourceRoleId = "110153";
    public const string DestinationRoleId = "110152";
    public const string NetworkAddressType = "http://hl7.org/fhir/network-type";
    public const string SecuritySourceType = "http://terminology.hl7.org/CodeSystem/security-source-type";
    public const string EntityType = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    public const string ObjectRole = "http://terminology.hl7.org/CodeSystem/object-role";
    public const string BasicAuditEntityType = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";
    public const string RequestIdCode = "XrequestId";

    /// <summary>The registered clients, by id (as the Provenance of writes names them).</summary>
    public const string ClientIdSystem = "urn:ror:client-id";

    /// <summary>The consumer access profiles (P0..P5), by their national code: the caller's profile as role and as the data's security label.</summary>
    public const string AccessProfileSystem = "urn:ror:access-profile";

    /// <summary>The /api views an auditor reads (the editors' view, the timeline), by path.</summary>
    public const string ApiPathSystem = "urn:ror:api-path";

    /// <summary>This server, as the observer and the server agent.</summary>
    public const string ServerName = "RorNational";
}
