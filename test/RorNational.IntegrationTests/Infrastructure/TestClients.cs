namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>The clients registered for the test host, in clients.json beside the test binaries.</summary>
public static class TestClients
{
    public static string File => Path.Combine(AppContext.BaseDirectory, "clients.json");

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
}
