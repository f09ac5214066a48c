namespace RorNational.Finess;

/// <summary>
/// The one refusal of a whole extract: unknown format, a copy damaged by a spreadsheet, an
/// unreadable file, a gzip file cut short, a file that lists no establishment, a FINESS
/// Structures file without its whole array of structures. A full extract closes what it does
/// not list, so a file that cannot be whole is never imported. Thrown by <see cref="FinessExtractReader.OpenAsync"/> before any line is
/// given, so nothing has been imported; callers answer it with a 422.
/// </summary>
public sealed class FinessExtractRefused(string reason, Exception? inner = null) : Exception(reason, inner)
{
    public string Reason => Message;
}
