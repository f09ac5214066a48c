using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Fhir.Availability.Regroupements;
using RorNational.ReferenceData;

namespace RorNational.Fhir.Availability.Synthesis;

/// <summary>
/// Reads the query string of GET /api/availability and /api/availability/units into an
/// <see cref="AvailabilityQuery"/>, refusing (400, an OperationOutcome naming the parameter and
/// what it allows) an unknown parameter, a repeated one, an unknown région, département or
/// regroupement, a département outside the région given, and a freshness that is not a
/// positive number of hours up to a year.
/// </summary>
public sealed partial class AvailabilityQueryReader(Territory territory, RegroupementCatalogue catalogue)
{
    public const string Region = "region", Departement = "departement", Regroupement = "regroupement", Freshness = "freshness";
    public const double MaxFreshnessHours = 8760;

    private static readonly string[] Parameters = [Region, Departement, Regroupement, Freshness];

    public AvailabilityQuery Read(IQueryCollection parameters)
    {
        foreach (var (name, values) in parameters)
        {
            if (!Parameters.Contains(name, StringComparer.Ordinal))
                throw Refused(name, $"is not a parameter of the availability synthesis: use {string.Join(", ", Parameters)}");
            if (values.Count > 1) throw Refused(name, "is given more than once: give it once");
        }
        var region = Text(parameters, Region);
        var departement = Text(parameters, Departement);
        var regroupement = Text(parameters, Regroupement);
        if (region is not null && territory.FindRegion(region) is null)
            throw Refused(Region, $"'{region}' is not a région code (INSEE, TRE_R30): use one of {string.Join(", ", territory.Regions.Select(r => r.Code))}");
        if (departement is not null)
        {
            if (territory.FindDepartement(departement) is not { } known)
                throw Refused(Departement, $"'{departement}' is not a département code: use one of {string.Join(", ", territory.Departements.Select(d => d.Code))}");
            departement = known.Code;
            if (region is not null && known.RegionCode != territory.FindRegion(region)!.Code)
                throw Refused(Departement, $"'{departement}' is not in région {region}: use one of " +
                    string.Join(", ", territory.Departements.Where(d => d.RegionCode == territory.FindRegion(region)!.Code).Select(d => d.Code)));
        }
        if (region is not null) region = territory.FindRegion(region)!.Code;
        if (regroupement is not null && catalogue.Find(regroupement) is null)
            throw Refused(Regroupement, $"'{regroupement}' is not a regroupement: use one of {string.Join(", ", catalogue.All.Select(r => r.Code))}");
        return new AvailabilityQuery(region, departement, regroupement, FreshnessOf(Text(parameters, Freshness)));
    }

    private static double? FreshnessOf(string? text)
    {
        if (text is null) return null;
        // Digits and one decimal point only: .NET's parser also takes "Infinity", "NaN" and trailing NULs.
        if (!Hours().IsMatch(text)
            || !double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hours) || hours <= 0 || hours > MaxFreshnessHours)
            throw Refused(Freshness, $"'{text}' is not a number of hours: give a positive number up to {MaxFreshnessHours} (a year), such as 12 or 0.5");
        return hours;
    }

    /// <summary>The parameter's value; null when absent, refused when empty.</summary>
    private static string? Text(IQueryCollection parameters, string name)
    {
        if (!parameters.TryGetValue(name, out var values)) return null;
        var value = values.ToString();
        return string.IsNullOrWhiteSpace(value) ? throw Refused(name, "is empty: give a value or leave it out") : value;
    }

    [GeneratedRegex(@"\A[0-9]{1,5}(\.[0-9]{1,6})?\z")]
    private static partial Regex Hours();

    private static CommandRejected Refused(string parameter, string problem) =>
        CommandRejected.Because(RejectionKind.Invalid, problem, parameter);
}
