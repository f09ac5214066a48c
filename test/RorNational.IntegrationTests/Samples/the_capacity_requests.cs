using System.Net;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Samples;

/// <summary>
/// samples/capacity.http, one request per case of the supplier protocol, run in order against
/// the real host loaded with the samples (samples/load) and the clients of samples/clients.json,
/// with the tokens its user would paste: every request answers what its title announces.
/// </summary>
public sealed class the_capacity_requests : ApiFixture
{
    protected override bool ServeOverLoopback => true;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Access:ClientsFile"] = Path.Combine(TestPostgres.RepositoryRoot(), "samples", "clients.json"),
    };

    protected override string DefaultClient => "samples-loader";

    [Test]
    public async Task each_request_of_capacity_http_answers_the_status_its_title_announces()
    {
        var (exitCode, output) = await Scripts.LoadSamplesAsync(Client, App.TokenFor(DefaultClient));
        Assert.That(exitCode, Is.Zero, output);
        var file = HttpFile.Read(Path.Combine(TestPostgres.RepositoryRoot(), "samples", "capacity.http"));
        var values = new Dictionary<string, string>
        {
            ["base"] = Client.BaseAddress!.ToString().TrimEnd('/'),
            ["fleyriat"] = App.TokenFor("supplier-ch-fleyriat"),
            ["ehpad"] = App.TokenFor("supplier-ehpad"),
            ["loader"] = App.TokenFor(DefaultClient),
            ["$datetime iso8601"] = Clock.Now.AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        };

        var answers = new List<string>();
        foreach (var request in file.Requests)
        {
            var (status, body) = await file.SendAsync(Client, request, values);
            if (status != request.Expected) answers.Add($"{request.Title}\n  answered {(int)status}: {body[..Math.Min(body.Length, 600)]}");
        }

        Assert.That(file.Requests, Has.Count.GreaterThanOrEqualTo(20));
        Assert.That(answers, Is.Empty, string.Join("\n", answers));
    }

    [Test]
    public async Task the_retried_request_is_answered_as_the_first_time()
    {
        var (exitCode, output) = await Scripts.LoadSamplesAsync(Client, App.TokenFor(DefaultClient));
        Assert.That(exitCode, Is.Zero, output);
        var file = HttpFile.Read(Path.Combine(TestPostgres.RepositoryRoot(), "samples", "capacity.http"));
        var retry = file.Requests.Single(r => r.Title.StartsWith("Retry with X-Request-Id", StringComparison.Ordinal));
        var values = new Dictionary<string, string>
        {
            ["base"] = Client.BaseAddress!.ToString().TrimEnd('/'),
            ["fleyriat"] = App.TokenFor("supplier-ch-fleyriat"),
        };

        var first = await file.SendAsync(Client, retry, values);
        var second = await file.SendAsync(Client, retry, values);

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.Body);
        Assert.That(second, Is.EqualTo(first), "the same X-Request-Id from the same client: the first answer again");
    }
}
