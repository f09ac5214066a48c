namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>The clients registered for the test host, in clients.json beside the test binaries.</summary>
public static class TestClients
{
    public static string File => Path.Combine(AppContext.BaseDirectory, "clients.json");

    /// <summary>
    /// Writes the test clients, changed, to a copy a fixture watches (its Access:ClientsFile):
    /// whole, through a rename, as an operator's deployment would, so that the host never reads half a file.
    /// </summary>
    public static async Task WriteChanged(string copy, Action<System.Text.Json.Nodes.JsonArray> change)
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(await System.IO.File.ReadAllTextAsync(File))!;
        change(document["Clients"]!.AsArray());
        var temporary = copy + ".new";
        await System.IO.File.WriteAllTextAsync(temporary, document.ToJsonString());
        System.IO.File.Move(temporary, copy, overwrite: true);
    }

    /// <summary>Profile "crisis", editor and validator of everything, auditor, admin: the default client of the fixtures.</summary>
    public const string AllRights = "test-all-rights";

    /// <summary>Profile "public", no right on the offer.</summary>
    public const string Public = "test-public";

    /// <summary>Editor of EG 010000024 (the CH de Fleyriat in Bourg-en-Bresse, région 84), and nothing else.</summary>
    public const string Editor = "test-editor";

    /// <summary>Editor of EG 350002812 only.</summary>
    public const string OtherEditor = "test-other-editor";

    /// <summary>Validator of région 84 (Auvergne-Rhône-Alpes), where EG 010000024 is.</summary>
    public const string ValidatorAra = "test-validator-ara";

    /// <summary>Validator of région 53 (Bretagne).</summary>
    public const string ValidatorBretagne = "test-validator-bretagne";

    public const string Auditor = "test-auditor";

    /// <summary>Profile "crisis", supplier of the capacity of EG 010000024 only.</summary>
    public const string Supplier = "test-supplier";

    /// <summary>Profile "crisis", supplier of the capacity of EG 350002812 only.</summary>
    public const string OtherSupplier = "test-other-supplier";

    /// <summary>Supplier of EG 010000024 with its own limits, per minute: 3 reads, 2 searches, 2 supply permits, 1 export.</summary>
    public const string Limited = "test-limited";

    /// <summary>The same own read limit as <see cref="Limited"/> (3 a minute), and the defaults for the rest.</summary>
    public const string LimitedTwin = "test-limited-twin";

    /// <summary>Supplier of EG 010000024 with 10 supply permits a minute (one per bundle entry).</summary>
    public const string LimitedBundles = "test-limited-bundles";

    /// <summary>Profile "public": one search at a time (1,000 a second).</summary>
    public const string OneSearchAtATime = "test-one-search-at-a-time";

    /// <summary>Profile "public": reads without limit, the defaults for the rest.</summary>
    public const string UnlimitedReader = "test-unlimited-reader";

    /// <summary>Profile "public": 10 searches a second, 1 at a time.</summary>
    public const string FloodingSearcher = "test-flooding-searcher";
}
