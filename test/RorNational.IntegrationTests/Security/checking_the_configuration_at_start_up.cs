using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Security;

/// <summary>
/// The host refuses to start on a security configuration it cannot trust, with a message
/// that says what to fix; these fail before the database is ever reached.
/// </summary>
public sealed class checking_the_configuration_at_start_up
{
    private readonly List<string> _files = [];

    [Test]
    public void in_production_without_signing_keys_nor_the_development_flag()
    {
        AssertStartFails(new() { ["environment"] = "Production" },
            "Authentication: no signing key is configured. Set Authentication:SigningKeys");
    }

    [Test]
    public void two_clients_with_the_same_id()
    {
        AssertStartFails(new() { ["Access:ClientsFile"] = ClientsFile("""{ "Clients": [ { "Id": "a", "Profile": "public" }, { "Id": "A", "Profile": "crisis" } ] }""") },
            "The registered clients (Clients) are invalid: the id 'a' is registered 2 times.");
    }

    [Test]
    public void a_client_without_a_profile_or_with_a_malformed_right()
    {
        AssertStartFails(new() { ["Access:ClientsFile"] = ClientsFile("""{ "Clients": [ { "Id": "portal" }, { "Id": "ars", "Profile": "public", "ValidatorOf": [ "Bretagne" ] } ] }""") },
            "The registered clients (Clients) are invalid: client 'portal' needs a Profile");
        AssertStartFails(new() { ["Access:ClientsFile"] = ClientsFile("""{ "Clients": [ { "Id": "ars", "Profile": "public", "ValidatorOf": [ "Bretagne" ] } ] }""") },
            "client 'ars': 'Bretagne' is neither an INSEE région code nor \"*\"");
    }

    [Test]
    public void a_client_or_anonymous_access_naming_a_profile_that_is_not_configured()
    {
        AssertStartFails(new() { ["Access:ClientsFile"] = ClientsFile("""{ "Clients": [ { "Id": "portal", "Profile": "publik" } ] }""") },
            "client 'portal' reads with the profile 'publik', which is not configured");
        AssertStartFails(new() { ["Access:AnonymousProfile"] = "everything" },
            "Unknown access profile: Access:AnonymousProfile reads with 'everything'");
    }

    [Test]
    public void a_client_limit_or_a_default_limit_of_zero_or_below()
    {
        AssertStartFails(new() { ["Access:ClientsFile"] = ClientsFile("""{ "Clients": [ { "Id": "portal", "Profile": "public", "Limits": { "Search": { "Permits": 0 } } } ] }""") },
            "The registered clients (Clients) are invalid: client 'portal': Limits:Search:Permits is 0: it must be above zero (\"Unlimited\": true for no limit).");
        AssertStartFails(new() { ["Access:ClientsFile"] = ClientsFile("""{ "Clients": [ { "Id": "hub", "Profile": "public", "Limits": { "Supply": { "Concurrent": 4 } } } ] }""") },
            "client 'hub': Limits:Supply needs Permits (a number above zero), or \"Unlimited\": true");
        AssertStartFails(new() { ["Limits:Defaults:Read:Permits"] = "-5" },
            "The request limits (Limits) are invalid: Limits:Defaults:Read:Permits is -5: it must be above zero");
        AssertStartFails(new() { ["Limits:Anonymous:Export:Permits"] = "1", ["Limits:Anonymous:Export:Period"] = "00:00:00" },
            "Limits:Anonymous:Export:Period is 00:00:00: it must be longer than zero and at most 1.00:00:00");
    }

    [Test]
    public void a_clients_file_that_does_not_exist()
    {
        AssertStartFails(new() { ["Access:ClientsFile"] = "/nowhere/clients.json" }, "Access:ClientsFile names /nowhere/clients.json, which does not exist.");
    }

    [Test]
    public void a_signing_key_too_short_or_without_its_material()
    {
        AssertStartFails(Keys(("k1", "HS256", "Key", Convert.ToBase64String(new byte[16]))),
            "Authentication:SigningKeys: signing key 'k1': the secret is 16 bytes long, at least 32 are needed.");
        AssertStartFails(Keys(("k1", "RS256", "Key", Convert.ToBase64String(new byte[32]))),
            "Authentication:SigningKeys: signing key 'k1': an RS256 key needs PublicKeyPem (or PrivateKeyPem to issue tokens).");
        AssertStartFails(Keys(("k1", "none", "Key", Convert.ToBase64String(new byte[32]))),
            "signing key 'k1': Algorithm 'none' is not one of HS256");
    }

    [Test]
    public void an_issuing_key_that_cannot_sign()
    {
        using var rsa = System.Security.Cryptography.RSA.Create();
        var settings = Keys(("k1", "RS256", "PublicKeyPem", rsa.ExportSubjectPublicKeyInfoPem()));
        settings["Authentication:IssuingKeyId"] = "k1";

        AssertStartFails(settings, "Authentication: IssuingKeyId 'k1' names a key without its secret or private key.");
    }

    [Test]
    public void in_production_the_development_key_is_refused_even_when_asked_for()
    {
        AssertStartFails(new() { ["environment"] = "Production", ["Authentication:UseDevelopmentKey"] = "true" },
            "Authentication: UseDevelopmentKey is refused in the environment 'Production': the development key's secret is public");
    }

    [Test]
    public void overload_bounds_that_could_not_hold()
    {
        AssertStartFails(new() { ["Server:RequestTimeout"] = "3650.00:00:00" },
            "Server:RequestTimeout must be longer than zero and at most 01:00:00 (e.g. 00:00:30), not 3650.00:00:00");
        AssertStartFails(new() { ["Server:RequestTimeout"] = "00:00:00" }, "Server:RequestTimeout must be longer than zero");
        AssertStartFails(new() { ["Server:MaxConcurrentRequests"] = "0" }, "Server:MaxConcurrentRequests must be at least 1, not 0");
        AssertStartFails(new() { ["Server:RequestQueue"] = "-1" }, "Server:RequestQueue must be 0 or more, not -1");
        AssertStartFails(new() { ["Server:MaxConcurrentWrites"] = "0" }, "Server:MaxConcurrentWrites must be at least 1, not 0");
        AssertStartFails(new() { ["Server:MaxConcurrentWrites"] = "2", ["Server:MaxConcurrentWritesUnread"] = "1" },
            "Server:MaxConcurrentWritesUnread (writes at once while no read is served) must be at least MaxConcurrentWrites (2), not 1");
        AssertStartFails(new() { ["Server:WriteQueue"] = "-1" }, "Server:WriteQueue must be 0 or more, not -1");
        AssertStartFails(new() { ["Server:WriteWait"] = "00:00:00" }, "Server:WriteWait must be longer than zero");
    }

    [Test]
    public void node_periods_that_would_find_a_live_node_dead_or_never_tick()
    {
        AssertStartFails(new() { ["Nodes:StaleNodeTimeout"] = "00:00:03", ["Nodes:HealthCheckPollingTime"] = "00:00:05" },
            "Nodes:StaleNodeTimeout (00:00:03) must be at least twice HealthCheckPollingTime (00:00:05)");
        AssertStartFails(new() { ["Nodes:DrainTimeout"] = "-00:00:01" }, "Nodes:DrainTimeout is -00:00:01: it must be longer than zero");
    }

    [Test]
    public void large_count_settings_a_timer_cannot_take_or_without_a_turn()
    {
        AssertStartFails(new() { ["Search:LargeCountWait"] = "10000.00:00:00" }, "Search:LargeCountWait is 10000.00:00:00: it must be at least zero and at most 01:00:00");
        AssertStartFails(new() { ["Search:SmallCountBound"] = "-00:00:01" }, "Search:SmallCountBound is -00:00:01: it must be at least zero and at most 01:00:00");
        AssertStartFails(new() { ["Search:LargeCountsAtOnce"] = "0" }, "Search:LargeCountsAtOnce is 0: it must be at least 1");
    }

    [Test]
    public void audit_periods_that_would_never_link_and_batches_of_nothing()
    {
        AssertStartFails(new() { ["Audit:LinkInterval"] = "00:00:00" }, "Audit:LinkInterval is 00:00:00: it must be longer than zero and at most 01:00:00");
        AssertStartFails(new() { ["Audit:SweepInterval"] = "2.00:00:00" }, "Audit:SweepInterval is 2.00:00:00: it must be longer than zero and at most 01:00:00");
        AssertStartFails(new() { ["Audit:MaxBatch"] = "0" }, "Audit:MaxBatch is 0: it must be at least 1");
        AssertStartFails(new() { ["Audit:MaxLink"] = "-3" }, "Audit:MaxLink is -3: it must be at least 1");
    }

    [TestCase("urls", "http://0.0.0.0:8080", "http://0.0.0.0:8080")]
    [TestCase("urls", "http://127.0.0.1:8080;http://[::]:8081", "http://[::]:8081")]
    [TestCase("urls", "http://*:8080", "http://*:8080")]
    [TestCase("urls", "http://+:8080", "http://+:8080")]
    [TestCase("urls", "http://192.168.1.10:8080", "http://192.168.1.10:8080")]
    [TestCase("http_ports", "8080", "http_ports=8080 (every interface)")]
    [TestCase("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:8080", "http://0.0.0.0:8080")]
    public void in_development_bound_beyond_loopback_the_development_key_is_refused(string key, string value, string named)
    {
        AssertStartFails(new() { ["environment"] = "Development", [key] = value },
            $"Authentication: the development key is refused on a host bound to {named}: its secret is public");
    }

    [TestCase("http://127.0.0.1:8080")]
    [TestCase("http://localhost:8080;http://[::1]:8081")]
    public async Task in_development_on_loopback_the_development_key_is_accepted(string urls)
    {
        var database = await TestPostgres.CreateDatabase(nameof(checking_the_configuration_at_start_up));
        try
        {
            await using var app = new RorNationalApp(database, TimeProvider.System, _ => { },
                new Dictionary<string, string?> { ["environment"] = "Development", ["urls"] = urls });

            var response = await app.ClientWithToken(new ForgedToken { ClientId = TestClients.Auditor }.Sign()).GetAsync("/api/establishments/eg-010000024");

            Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NotFound), "past the authentication: the EG is unknown");
        }
        finally
        {
            await TestPostgres.DropDatabase(database);
        }
    }

    private static void AssertStartFails(Dictionary<string, string?> settings, string message)
    {
        using var app = new RorNationalApp("Host=127.0.0.1;Port=1;Database=never-reached", TimeProvider.System, _ => { }, settings);

        var failure = Assert.Catch(() => _ = app.Services);
        var messages = string.Join(" | ", Flatten(failure!).Select(e => e.Message));
        Assert.That(messages, Does.Contain(message));
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException) yield return e;
    }

    private static Dictionary<string, string?> Keys(params (string KeyId, string Algorithm, string Field, string Value)[] keys)
    {
        var settings = new Dictionary<string, string?> { ["Authentication:Issuer"] = "https://issuer.example", ["Authentication:Audience"] = "rornational" };
        for (var i = 0; i < keys.Length; i++)
        {
            settings[$"Authentication:SigningKeys:{i}:KeyId"] = keys[i].KeyId;
            settings[$"Authentication:SigningKeys:{i}:Algorithm"] = keys[i].Algorithm;
            settings[$"Authentication:SigningKeys:{i}:{keys[i].Field}"] = keys[i].Value;
        }
        return settings;
    }

    private string ClientsFile(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rornational-clients-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        _files.Add(path);
        return path;
    }

    [TearDown]
    public void RemoveFiles()
    {
        foreach (var file in _files) File.Delete(file);
        _files.Clear();
    }
}
