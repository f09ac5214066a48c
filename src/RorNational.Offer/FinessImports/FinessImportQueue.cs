using Wolverine;

namespace RorNational.Offer.FinessImports;

/// <summary>
/// Where imports wait and run: a Wolverine local queue whose inbox is persisted in
/// PostgreSQL. A message stays there until its import has ended; a node that stops hands
/// its message back, and a node that dies has it taken over by another once Wolverine's
/// durability agent finds the node gone.
/// </summary>
public static class FinessImportQueue
{
    public const string Name = "finess-imports";

    /// <summary>One import at a time per node: an import already uses a core and many connections.</summary>
    public static WolverineOptions ConfigureFinessImports(this WolverineOptions options)
    {
        options.PublishMessage<ImportFinessExtract>().ToLocalQueue(Name);
        options.LocalQueue(Name).UseDurableInbox().Sequential();
        return options;
    }
}
