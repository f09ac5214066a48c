using RorNational.Domain.Establishments;

namespace RorNational.Finess;

/// <summary>
/// One outcome of reading an extract, in file order. <see cref="Position"/> is the 1-based
/// line number in an etalab CSV extract, and the 1-based index of the EJ in the <c>pmej</c>
/// array of a FINESS Structures JSON extract (JSON has no meaningful lines).
/// </summary>
public abstract record FinessLine(long Position);

/// <summary>
/// An establishment (EG) as the extract describes it. <see cref="EJ"/> is given only by
/// formats that describe the EJ (FINESS Structures); the etalab extract names the EJ by its
/// number alone (<see cref="EGAdministrativeData.EJFiness"/>).
/// </summary>
public sealed record FinessEstablishment(long Position, EGAdministrativeData EG, EJAdministrativeData? EJ = null)
    : FinessLine(Position);

/// <summary>A line that could not be read; the reading goes on with the next one.</summary>
public sealed record FinessRejection(long Position, string Message, string? Finess = null) : FinessLine(Position);

/// <summary>
/// Something the caller should know about a line that was still read, such as coordinates
/// in an unknown system (the establishment is then given without coordinates).
/// </summary>
public sealed record FinessWarning(long Position, string Message, string? Finess = null) : FinessLine(Position);
