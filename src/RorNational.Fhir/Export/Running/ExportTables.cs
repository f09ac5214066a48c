using Marten;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Export.Running;

/// <summary>The qualified names of the tables an export reads: the current resources of each type, and the publication states.</summary>
public sealed class ExportTables(IDocumentStore store)
{
    private static readonly Dictionary<string, Type> Documents = new()
    {
        ["Organization"] = typeof(OrganizationDocument),
        ["HealthcareService"] = typeof(HealthcareServiceDocument),
        ["Location"] = typeof(LocationDocument),
        ["Practitioner"] = typeof(PractitionerDocument),
        ["PractitionerRole"] = typeof(PractitionerRoleDocument),
    };

    public string Schema => store.Options.DatabaseSchemaName;

    public string Of(Type document) =>
        ((IReadOnlyStoreOptions)store.Options).FindOrResolveDocumentType(document).TableName.QualifiedName;

    public string OfResources(string type) => Of(Documents[type]);
}
