using System.Globalization;
using BenchGenerator.Catalogue;
using RorNational.ReferenceData;

namespace BenchGenerator.Planning;

/// <summary>
/// Draws one EG of the plan: its kind (by the kinds' weights), commune (bigger communes, with
/// more postal codes, more often), name, street and phone, then its UOs (kinds drawn without
/// repetition by their weights), each served by a lieu of its own, mostly in the EG's commune
/// (one in ten elsewhere in the département), with 3 to 8 capacity indicators.
/// </summary>
internal sealed class EstablishmentDrafter(Random random)
{
    private static readonly string[] Names =
        ["LES TILLEULS", "SAINT JOSEPH", "LES GLYCINES", "DU PARC", "LE CLOS FLEURI", "SAINTE MARIE", "LES MIMOSAS", "PASTEUR", "DU LAC", "LES JARDINS", "LA ROSERAIE", "DU VAL"];
    private static readonly string[] StreetTypes = ["RUE", "AV", "BD", "PL", "CHE", "RTE"];
    private static readonly string[] Streets =
        ["DE L HOPITAL", "DES LILAS", "DU GENERAL DE GAULLE", "JEAN JAURES", "PASTEUR", "DE LA REPUBLIQUE", "VICTOR HUGO", "DES ECOLES", "DU MOULIN", "DE LA GARE"];
    private static readonly double[] KindWeights = Offer.EGKinds.Select(k => k.Weight).ToArray();

    public PlannedEG Draft(string finess, string ejFiness, IReadOnlyList<Commune> communes)
    {
        var kind = Offer.EGKinds[Draw.Weighted(random, KindWeights)];
        var commune = CommuneOf(communes);
        var city = commune.Name.ToUpperInvariant();
        var name = kind.Name is "hospital" or "regional hospital" ? $"{kind.NamePrefix} DE {city}" : $"{kind.NamePrefix} {Names[random.Next(Names.Length)]} {city}";
        var houseNumber = random.Next(1, 200).ToString(CultureInfo.InvariantCulture);
        var streetType = StreetTypes[random.Next(StreetTypes.Length)];
        var street = Streets[random.Next(Streets.Length)];
        var phone = "0" + random.Next(1, 6) + random.Next(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);
        var uoKinds = Draw.WithoutRepetition(random, kind.Offer, k => k.Weight, random.Next(kind.MinUOs, kind.MaxUOs + 1));
        var uos = uoKinds.Select((uoKind, index) => UO(uoKind, index, random.Next(10) == 0 ? CommuneOf(communes) : commune)).ToList();
        return new PlannedEG(finess, ejFiness, kind, name, commune, houseNumber, streetType, street, phone, uos);
    }

    private PlannedUO UO(UOKind kind, int index, Commune commune)
    {
        var key = kind.Short.ToLowerInvariant();
        var indicators = CapacityIndicator.For(kind.CapacityNature);
        var count = Math.Min(random.Next(3, 9), indicators.Count);
        var installed = kind.CapacityNature == "01" ? random.Next(8, 41) : random.Next(5, 21);
        var capacity = new List<int> { installed };
        for (var i = 1; i < count; i++) capacity.Add(random.Next(0, Math.Max(2, installed / 3)));
        GeoPoint? position = commune.Centroid is { } centre
            ? new GeoPoint(Math.Round(centre.Latitude + (random.NextDouble() - 0.5) * 0.01, 6), Math.Round(centre.Longitude + (random.NextDouble() - 0.5) * 0.01, 6))
            : null;
        var lieu = new PlannedLieu("lieu-" + key, kind.Short, $"{kind.Label}, bâtiment {(char)('A' + index)}", kind.LieuFunction, commune, position, kind.CapacityNature, capacity);
        return new PlannedUO("uo-" + key, kind, kind.Label, lieu);
    }

    private Commune CommuneOf(IReadOnlyList<Commune> communes) =>
        communes[Draw.Weighted(random, communes.Select(c => (double)c.PostalCodes.Count).ToList())];
}
