namespace RorNational.Offer.FinessImports;

/// <summary>
/// The import moved on without this run: another node committed a batch of it (its message
/// was handed over while this node was thought dead), or ended it. This run stops and leaves
/// the import to the other.
/// </summary>
public sealed class FinessImportTakenOver(string importId)
    : Exception($"FINESS import {importId} was advanced or ended by another run; this run stops.");
