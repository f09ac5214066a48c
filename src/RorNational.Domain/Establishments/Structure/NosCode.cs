namespace RorNational.Domain.Establishments.Structure;

/// <summary>
/// A code of a value set that draws on several NOS tables whose codes overlap (JDV_J186
/// professions: "10" is a médecin in TRE_G15 and a socio-esthéticien in TRE_R356), so the
/// table is part of the code: <see cref="Table"/> is the TRE identifier ("TRE_G15").
/// </summary>
public sealed record NosCode(string Table, string Code);
