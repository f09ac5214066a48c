namespace RorNational.Offer.FinessImports;

/// <summary>
/// A transient failure stopped the import; Wolverine runs it again (see
/// <see cref="FinessImportHandler.Configure"/>). Carries only the reason that the report will
/// show if the retries run out, never the cause: Wolverine logs what its handlers throw, and
/// the cause's message may quote the data.
/// </summary>
public sealed class FinessImportInterrupted(string importId, string reason)
    : Exception($"FINESS import {importId} interrupted, to be resumed after its last committed batch: {reason}")
{
    public string ImportId => importId;
    public string Reason => reason;
}
