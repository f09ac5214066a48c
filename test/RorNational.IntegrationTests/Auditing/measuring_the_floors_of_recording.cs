using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Auditing.Chain;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Auditing;

/// <summary>
/// The measurement-only modes of build/benchmarks/fhir-reads (Audit:Measurement) do what their
/// floors claim: a protected read is answered, nothing reaches the intake or the chain, and under
/// AcknowledgedOnly each read still waits for a group's round trip to PostgreSQL (the writer's
/// flushes count them), where BuiltOnly waits for none.
/// </summary>
[TestFixture("BuiltOnly", 0)]
[TestFixture("AcknowledgedOnly", 1)]
public class measuring_the_floors_of_recording(string measurement, int flushesPerRead) : ApiFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Audit:Measurement"] = measurement };

    [Test]
    public async Task a_protected_read_is_answered_without_its_record_reaching_postgres()
    {
        await Client.PublishHospital();
        var bundle = await (await App.ClientFor("test-consumer-public").GetAsync("/fhir/HealthcareService")).ReadJson();
        var unit = bundle["entry"]![0]!["resource"]!["id"]!.GetValue<string>();
        await Sql.Execute(ConnectionString, "truncate ror.audit_chain, ror.audit_intake");
        var writer = App.Services.GetRequiredService<ChainWriter>();
        var flushes = writer.Flushes;

        for (var read = 0; read < 3; read++)
            Assert.That((int)(await App.ClientFor("test-consumer-crisis").GetAsync($"/fhir/HealthcareService/{unit}")).StatusCode, Is.EqualTo(200));

        Assert.That(writer.Flushes - flushes, Is.EqualTo(3 * flushesPerRead), "one group per read when reads come one after the other");
        Assert.That(await Sql.Scalar<long>(ConnectionString, "select count(*) from ror.audit_intake"), Is.Zero);
        Assert.That(await Sql.Scalar<long>(ConnectionString, "select count(*) from ror.audit_chain where kind = 'AuditEvent'"), Is.Zero);
    }
}
