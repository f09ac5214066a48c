using System.Net;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Hosting;

public sealed class health_endpoints : ApiFixture
{
    [Test]
    public async Task liveness_answers_while_the_process_runs()
    {
        var response = await Client.GetAsync("/health/live");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task readiness_checks_the_database_and_the_projections()
    {
        var response = await Client.GetAsync("/health/ready");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
    }
}
