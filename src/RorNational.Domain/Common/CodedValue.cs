namespace RorNational.Domain.Common;

/// <summary>
/// A code from a national terminology (the NOS TRE_* tables) with the label its source gave.
/// The table is implied by the field that holds it (for example TRE_R66 for an EG's category).
/// </summary>
public sealed record CodedValue(string Code, string? Label = null);
