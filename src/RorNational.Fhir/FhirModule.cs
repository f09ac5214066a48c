using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Access;
using RorNational.Fhir.Auditing;
using RorNational.Fhir.Availability;
using RorNational.Fhir.Availability.Live;
using RorNational.Fhir.Availability.Placement;
using RorNational.Fhir.Availability.Regroupements;
using RorNational.Fhir.Capabilities;
using RorNational.Fhir.Errors;
using RorNational.Fhir.Practitioners;
using RorNational.Fhir.Publishing;
using RorNational.Domain.Capacity;
using RorNational.Fhir.Publishing.Capacity;
using RorNational.Fhir.Search;
using RorNational.Fhir.Search.Definitions;
using RorNational.Fhir.Search.Indexing;
using RorNational.Fhir.Search.Querying;
using RorNational.Fhir.Storage;
using RorNational.Fhir.Subscriptions;
using RorNational.ReferenceData;

namespace RorNational.Fhir;

/// <summary>Everything the FHIR read side adds to the store, the services and the pipeline.</summary>
public static class FhirModule
{
    /// <param name="territory">Communes, their région (the source-region tag) and centroid (near-insee-code).</param>
    public static StoreOptions ConfigureFhir(this StoreOptions options, Territory territory)
    {
        var indexer = new SearchIndexer(SearchParameterCatalog.Default, territory);
        // Declared up front so that their tables exist before the first publication: a
        // search on an empty store reads them too.
        options.Schema.For<OrganizationDocument>();
        options.Schema.For<HealthcareServiceDocument>();
        options.Schema.For<LocationDocument>();
        options.Schema.For<PractitionerDocument>();
        options.Schema.For<PractitionerRoleDocument>();
        options.Schema.For<PublishedPractitioner>();
        // An EJ's $export finds its EGs by their EJ (ExportScope): an index, not a scan of every EG's state.
        options.Schema.For<PublicationState>().Index(s => s.EG!.Data.EJFiness);
        // The lieux' capacity snapshots: stored by the write side's inline aggregation, read by the publication.
        options.Schema.For<LieuCapacity>();
        // Suppliers address a lieu by its EG and idExterneSynchro (or functional id), or by its Location id.
        options.Schema.For<SupplyZone>()
            .Index(z => z.LocationId)
            .Index(z => new { z.EGFiness, z.IdExterneSynchro })
            .Index(z => new { z.EGFiness, z.FunctionalId });
        // One resource's versions; every version by lastUpdated (system history); one type's by lastUpdated (type history).
        options.Storage.ExtendedSchemaObjects.Add(ResourceVersionTable.In(options.DatabaseSchemaName));
        // The Provenance of writes, read by the chaining subscription page by page of the event sequence.
        options.Storage.ExtendedSchemaObjects.Add(Provenances.ProvenanceRecordTable.In(options.DatabaseSchemaName));
        options.Storage.ExtendedSchemaObjects.AddRange(SearchIndexSchema.ObjectsIn(options.DatabaseSchemaName));
        // Bulk exports: their jobs (a client's active ones counted at kick-off) and their files' chunks.
        options.Schema.For<Export.ExportJob>().Index(j => j.ClientId);
        options.Storage.ExtendedSchemaObjects.Add(Export.Files.ExportChunkTable.In(options.DatabaseSchemaName));
        options.Projections.Add(
            new EstablishmentPublicationProjection(territory.RegionOfCommune, indexer, new UnitPlacements(territory, RegroupementCatalogue.Default)),
            ProjectionLifecycle.Inline);
        options.Projections.Add(new PractitionerPublicationProjection(indexer), ProjectionLifecycle.Inline);
        options.ConfigureAvailability();
        options.ConfigureAudit();
        Subscriptions.SubscriptionsModule.ConfigureSubscriptions(options);
        return options;
    }

    /// <param name="configuration">Where the access profiles are (Access:Profiles).</param>
    public static IServiceCollection AddFhir(this IServiceCollection services, Territory territory, IConfiguration configuration) => Availability.Measures.MeasuresModule.AddAvailabilityMeasures(services)
        .AddOptions<SearchOptions>().Bind(configuration.GetSection("Search")).ValidateDataAnnotations().ValidateOnStart().Services
        .AddSingleton(AccessProfiles.From(configuration))
        .AddSingleton<RedactedRenderings>()
        .AddSingleton<CapabilityStatementBuilder>()
        .AddSingleton<Reading.History.HistoryReader>()
        .AddSingleton(SearchParameterCatalog.Default)
        .AddSingleton(territory)
        .AddSingleton<ValueParser>()
        .AddSingleton<CriterionParser>()
        .AddSingleton<FilterParser>()
        .AddSingleton<SearchRequestParser>()
        .AddSingleton<IndexedMasks>()
        .AddSingleton<LargeCounts>()
        .AddHostedService<Search.Indexing.KeptCounts.KeptCountFolding>()
        .AddSingleton<SearchEngine>()
        .AddSingleton<SearchResponder>()
        .Configure<Export.ExportOptions>(configuration.GetSection(Export.ExportOptions.Section))
        .AddSingleton<Export.Running.ExportSnapshot>()
        .AddSingleton<Export.ExportKickOff>()
        .AddAvailability()
        .AddAvailabilityLive()
        .AddAudit(configuration)
        .AddSubscriptions(configuration);

    /// <summary>Must come first in the pipeline: every error below it becomes an OperationOutcome.</summary>
    public static IApplicationBuilder UseFhirErrors(this IApplicationBuilder app) =>
        app.UseMiddleware<ErrorResponseMiddleware>();
}
