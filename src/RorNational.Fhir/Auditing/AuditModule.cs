using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Auditing.Chain;
using RorNational.Fhir.Auditing.Recording;

namespace RorNational.Fhir.Auditing;

/// <summary>Who read what: the audit chain's table and append function, its intake, its writer and linker (one each per node), the read audit and the chain's check.</summary>
public static class AuditModule
{
    public static StoreOptions ConfigureAudit(this StoreOptions options)
    {
        options.Storage.ExtendedSchemaObjects.Add(AuditChainTable.In(options.DatabaseSchemaName));
        options.Storage.ExtendedSchemaObjects.Add(AuditIntakeTable.In(options.DatabaseSchemaName));
        options.Storage.ExtendedSchemaObjects.Add(AuditIntakeAppend.In(options.DatabaseSchemaName));
        return options;
    }

    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration) => services
        .AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section)).ValidateDataAnnotations().ValidateOnStart().Services
        .AddSingleton<ChainWriter>()
        .AddSingleton<ChainLinker>()
        .AddHostedService<ChainLinking>()
        .AddSingleton<ChainVerification>()
        .AddSingleton<ReadAudit>();
}
