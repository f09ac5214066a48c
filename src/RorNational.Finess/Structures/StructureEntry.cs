using System.Globalization;
using System.Text.RegularExpressions;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;

namespace RorNational.Finess.Structures;

/// <summary>
/// Maps one <c>pmej</c> entry (an EJ and its EG) to the domain's records, with the same
/// choices as the etalab mapping: the repetition index (complementVoie) goes with the house
/// number, complementPointGeographique is the address complement. The flux pads some values
/// with spaces; they are trimmed. Closed EG (etatObjet "I") are skipped: in a full extract,
/// an EG the caller knows and does not receive has closed.
/// </summary>
internal static partial class StructureEntry
{
    // Usage codes (TRE_R377) and contact roles (TRE_R206) as the ANS examples use them: EG
    // addresses have usage 03, EJ head offices 02; the main contact has role 01. When an EG
    // has no such address or contact, its first one is taken.
    private const string EGAddressUsage = "03";
    private const string MainContactRole = "01";

    public static IEnumerable<FinessLine> Read(PmejEntry entry, long position, FinessReadProgress progress)
    {
        var ejFiness = Clean(entry.InformationsGeneralesPMEJ?.NumFinessPm) ?? "";
        if (!FinessNumber.IsWellFormed(ejFiness))
        {
            yield return new FinessRejection(position, $"EJ '{ejFiness}' is not a FINESS number (numFinessPm)", ejFiness);
            // Each EG of the entry is named in a rejection of its own, so that it counts as
            // listed: a full extract then does not close it.
            foreach (var egFiness in (entry.Ege ?? []).Select(ege => Clean(ege.InformationsGeneralesEGE?.NumFinessEge)).OfType<string>())
                yield return new FinessRejection(position, $"EG {egFiness} is not imported: its EJ '{ejFiness}' is not a FINESS number", egFiness);
            yield break;
        }
        var ej = LegalEntity(entry.InformationsGeneralesPMEJ!, ejFiness);
        foreach (var (ege, rank) in (entry.Ege ?? []).Select((ege, i) => (ege, i + 1)))
        {
            if (string.Equals(Clean(ege.EtatObjet), "I", StringComparison.OrdinalIgnoreCase))
            {
                progress.SkipClosed();
                continue;
            }
            foreach (var line in Establishment(ege, ej, position, $"EG {rank} of EJ {ejFiness}"))
                yield return line;
        }
    }

    private static EJAdministrativeData LegalEntity(PmejInformation info, string finess) =>
        new(finess, Clean(info.DenominationLonguePmSmsse) ?? Clean(info.DenominationPm))
        {
            Siren = Clean(info.Siren) is { } siren && Digits(siren, 9) ? siren : null,
            LegalStatus = Clean(info.StatutJuridique) is { } status ? new CodedValue(status) : null,
        };

    private static IEnumerable<FinessLine> Establishment(EgeEntry ege, EJAdministrativeData ej, long position, string where)
    {
        var info = ege.InformationsGeneralesEGE;
        var finess = Clean(info?.NumFinessEge) ?? "";
        if (!FinessNumber.IsWellFormed(finess))
            return [new FinessRejection(position, $"{where}: '{finess}' is not a FINESS number (numFinessEge)", finess)];
        var addresses = ege.Adresse ?? [];
        var address = addresses.FirstOrDefault(a => Clean(a.UsageAdresse) == EGAddressUsage) ?? addresses.FirstOrDefault();
        if (address is null) return [new FinessRejection(position, $"{where}: EG {finess} has no address", finess)];

        var warnings = new List<FinessLine>();
        var contact = (ege.Contact ?? []).FirstOrDefault(c => Clean(c.TypeContact?.RoleContact) == MainContactRole)
                      ?? ege.Contact?.FirstOrDefault();
        var siret = Clean(info!.Siret);
        if (siret is not null && !Digits(siret, 14))
        {
            warnings.Add(Warning($"SIRET '{siret}' is not 14 digits and is left out"));
            siret = null;
        }
        var name = Clean(info.NomEgeCourt) ?? Clean(info.NomEgeLong) ?? "";
        var longName = Clean(info.NomEgeLong);
        var eg = new EGAdministrativeData(finess, ej.Finess, name, PostalAddress(address))
        {
            LongName = longName == name ? null : longName,
            Siret = siret,
            Category = Clean(ege.CategorieentiteGeographiqueExercice) is { } category ? new CodedValue(category) : null,
            PublicServiceParticipation = (info.Espic ?? []).Select(Clean).FirstOrDefault(e => e is not null) is { } espic
                ? new CodedValue(espic)
                : null,
            Phone = Clean(contact?.Telecom?.Telephone),
            Fax = Clean(contact?.Telecom?.Telecopie),
            OpeningDate = Date(Clean(info.DateOuverture), warnings, Warning),
            Coordinates = Position(address.CoordonneesGeographique, warnings, Warning),
        };
        var problems = eg.Check();
        if (problems.Count > 0)
            return [new FinessRejection(position, $"{where}: " + string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")), finess)];
        warnings.Add(new FinessEstablishment(position, eg, ej));
        return warnings;

        FinessWarning Warning(string message) => new(position, $"{where}: {message}", finess);
    }

    private static PostalAddress PostalAddress(StructureAddress a)
    {
        var postalCode = Clean(a.CodePostal) ?? "";
        var city = Clean(a.LigneAcheminement) ?? "";
        // The flux writes the routing city alone; strip a postal code should it come first.
        if (city.StartsWith(postalCode + " ", StringComparison.Ordinal)) city = city[(postalCode.Length + 1)..].Trim();
        var number = Clean(a.NumeroVoie);
        var index = Clean(a.ComplementVoie);
        return new PostalAddress(number is not null && index is not null ? $"{number} {index}" : number,
            Clean(a.TypeVoie), Clean(a.LibelleVoie), Clean(a.ComplementPointGeographique), Clean(a.LieuDit),
            postalCode, city, Clean(a.CogCommune));
    }

    private static GeoPoint? Position(GeographicCoordinates? c, List<FinessLine> warnings, Func<string, FinessWarning> warning)
    {
        var (latitude, longitude) = (Clean(c?.DirectionLatitude), Clean(c?.DirectionLongitude));
        if (latitude is null && longitude is null) return null;
        if (double.TryParse(latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) &&
            double.TryParse(longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) &&
            lat is >= -90 and <= 90 && lon is >= -180 and <= 180)
            return new GeoPoint(lat, lon);
        warnings.Add(warning($"latitude '{latitude}' and longitude '{longitude}' are not a WGS 84 position and are left out"));
        return null;
    }

    private static DateOnly? Date(string? value, List<FinessLine> warnings, Func<string, FinessWarning> warning)
    {
        if (value is null) return null;
        if (value.Length >= 10 && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var date))
            return date;
        warnings.Add(warning($"opening date '{value}' is not yyyy-MM-dd and is left out"));
        return null;
    }

    private static bool Digits(string value, int count) => value.Length == count && value.All(char.IsAsciiDigit);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
