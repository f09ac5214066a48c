using RorNational.Domain.Common;

namespace RorNational.Offer.FinessImports;

/// <summary>
/// The message that runs an accepted import, on the durable local queue
/// <see cref="FinessImportQueue.Name"/>: published with the import's report, its first event
/// and its stored extract, in one transaction. One message per import: a resumed import
/// reads the extract again from its start (a gzip cannot seek), so one resumption per
/// restart or failure, not one per batch.
/// </summary>
public sealed record ImportFinessExtract(string ImportId, Actor By);
