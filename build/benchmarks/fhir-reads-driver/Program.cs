using System.Net.Http.Headers;
using System.Text.Json;
using AvailabilityBenchmark;

// build/benchmarks/fhir-reads runs this (see that script): FHIR reads and searches of the
// samples by a crisis client (profile P1, so every answer holding data above the public level
// is recorded as an AuditEvent when auditing is on), at C connections, for S seconds each.
//   --base URL --label TEXT [--seconds 15] [--connections 1,4]
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "");
var baseUrl = new Uri(options["base"]);
var label = options.GetValueOrDefault("label", "");
var seconds = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("seconds", "15"), System.Globalization.CultureInfo.InvariantCulture));
var connections = options.GetValueOrDefault("connections", "1,4").Split(',').Select(int.Parse).ToArray();

HttpClient Client(string token) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
{
    BaseAddress = baseUrl,
    Timeout = TimeSpan.FromMinutes(1),
    DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
};
using var reader = Client(Environment.GetEnvironmentVariable("BENCH_READER_TOKEN") ?? throw new InvalidOperationException("BENCH_READER_TOKEN"));
using var auditor = Client(Environment.GetEnvironmentVariable("BENCH_AUDITOR_TOKEN") ?? throw new InvalidOperationException("BENCH_AUDITOR_TOKEN"));

var reads = new List<string>();
foreach (var type in new[] { "Organization", "HealthcareService", "Location" })
{
    using var bundle = JsonDocument.Parse(await reader.GetStringAsync($"/fhir/{type}?_count=200&_elements=id"));
    if (bundle.RootElement.TryGetProperty("entry", out var entries))
        reads.AddRange(entries.EnumerateArray().Select(e => $"/fhir/{type}/{e.GetProperty("resource").GetProperty("id").GetString()}"));
}
string[] searches = ["/fhir/HealthcareService?_count=20", "/fhir/Location?_count=20", "/fhir/Organization?_count=20&_revinclude=HealthcareService:organization"];

async Task<long> AuditEvents()
{
    using var bundle = JsonDocument.Parse(await auditor.GetStringAsync("/fhir/AuditEvent?_count=1"));
    return bundle.RootElement.GetProperty("total").GetInt64();
}

Console.WriteLine($"FHIR reads at {baseUrl} ({label}): {reads.Count} resources read in turn, {searches.Length} searches");
var recordedBefore = await AuditEvents();
foreach (var c in connections)
{
    Console.WriteLine(await LoadRun.RunAsync(reader, $"{label} read", reads, c, seconds));
    Console.WriteLine(await LoadRun.RunAsync(reader, $"{label} search", searches, c, seconds));
}
Console.WriteLine($"{label}: {await AuditEvents() - recordedBefore} AuditEvents recorded during the run");
return 0;
