using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using RorNational.Domain.Common;
using RorNational.Security.Access;
using RorNational.Security.Callers;

namespace RorNational.Security.Clients;

/// <summary>
/// The registered clients, from the configuration section <c>Clients</c> (appsettings, or the
/// JSON file named by <c>Access:ClientsFile</c>). Checked when read: an invalid list stops
/// the start-up with a message naming the client at fault.
/// </summary>
public sealed partial class ClientRegistry
{
    public const string Section = "Clients";

    private volatile FrozenDictionary<string, ClientRegistration> _clients;

    private readonly IReadOnlySet<string> _profiles;

    /// <param name="profiles">The configured access profiles, one of which each client must read with.</param>
    public ClientRegistry(IEnumerable<ClientRegistration> clients, IReadOnlySet<string> profiles)
    {
        _profiles = profiles;
        _clients = Index(clients.ToList());
    }

    public static ClientRegistry From(IConfiguration configuration) => new(Read(configuration), AccessSettings.ProfileIds(configuration));

    public IReadOnlyCollection<ClientRegistration> All => _clients.Values;

    /// <summary>The client with this id, or null when none is registered (any more).</summary>
    public ClientRegistration? Find(string clientId) => _clients.GetValueOrDefault(clientId);

    /// <summary>
    /// Reads the clients again whenever the configuration reloads (the clients file is
    /// watched): a removed client's tokens are refused from then on. A list that no longer
    /// passes the checks is logged and the previous one kept.
    /// </summary>
    public IDisposable FollowChanges(IConfiguration configuration, ILogger logger) =>
        ChangeToken.OnChange(configuration.GetReloadToken, () =>
        {
            try
            {
                _clients = Index(Read(configuration));
            }
            catch (InvalidOperationException invalid)
            {
                logger.LogError("The registered clients were not reloaded, the previous list stays: {Reason}", invalid.Message);
            }
        });

    private static List<ClientRegistration> Read(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<List<ClientRegistration>>() ?? [];

    private FrozenDictionary<string, ClientRegistration> Index(IReadOnlyList<ClientRegistration> clients)
    {
        var problems = clients.SelectMany((client, index) => Check(client, index)).ToList();
        problems.AddRange(clients
            .Where(client => !string.IsNullOrWhiteSpace(client.Id))
            .GroupBy(client => client.Id, StringComparer.OrdinalIgnoreCase)
            .Where(ids => ids.Count() > 1)
            .Select(ids => $"the id '{ids.Key}' is registered {ids.Count()} times"));
        if (problems.Count > 0)
            throw new InvalidOperationException($"The registered clients ({Section}) are invalid: {string.Join("; ", problems)}.");
        return clients.ToFrozenDictionary(client => client.Id, StringComparer.Ordinal);
    }

    private IEnumerable<string> Check(ClientRegistration client, int index)
    {
        var name = string.IsNullOrWhiteSpace(client.Id) ? $"{Section}[{index}]" : $"client '{client.Id}'";
        if (string.IsNullOrWhiteSpace(client.Id) || client.Id.Any(char.IsWhiteSpace))
            yield return $"{name} needs an Id without spaces";
        if (string.IsNullOrWhiteSpace(client.Profile))
            yield return $"{name} needs a Profile (the consumer access profile it reads with, e.g. \"public\")";
        else if (!_profiles.Contains(client.Profile))
            yield return $"{name} reads with the profile '{client.Profile}', which is not configured ({string.Join(", ", _profiles)})";
        foreach (var finess in client.SupplierOf.Concat(client.EditorOf).Where(f => f != Rights.All && !FinessNumber.IsWellFormed(f)))
            yield return $"{name}: '{finess}' is neither a FINESS number of an EG nor \"*\"";
        foreach (var region in client.ValidatorOf.Where(r => r != Rights.All && !RegionCode().IsMatch(r)))
            yield return $"{name}: '{region}' is neither an INSEE région code nor \"*\"";
        foreach (var problem in client.Limits?.Problems("Limits") ?? [])
            yield return $"{name}: {problem}";
    }

    [GeneratedRegex(@"^\d{2,3}$")]
    private static partial Regex RegionCode();
}
