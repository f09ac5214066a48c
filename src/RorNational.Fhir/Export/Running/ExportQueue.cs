using Wolverine;

namespace RorNational.Fhir.Export.Running;

/// <summary>
/// Where exports wait and run: a Wolverine local queue whose inbox is persisted in PostgreSQL,
/// like the FINESS imports'. A message stays there until its export has ended; a node that stops
/// hands it back, and a node that dies has it taken over by another once Wolverine's durability
/// agent finds the node gone. The expiries wait there too, as scheduled messages.
/// </summary>
public static class ExportQueue
{
    public const string Name = "fhir-exports";

    /// <summary>One export at a time per node: an export streams a whole snapshot and uses a core.</summary>
    public static WolverineOptions ConfigureExports(this WolverineOptions options)
    {
        options.PublishMessage<RunExport>().ToLocalQueue(Name);
        options.PublishMessage<ExpireExport>().ToLocalQueue(Name);
        options.LocalQueue(Name).UseDurableInbox().Sequential();
        return options;
    }
}
