using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>
/// The real host (Program) over the ASP.NET test server, on a database of its own, with a
/// fixed clock so that business times in responses are predictable.
/// </summary>
public sealed class RorNationalApp(string connectionString, TimeProvider clock, Action<IServiceCollection> configureServices)
    : WebApplicationFactory<Program>
{
    static RorNationalApp() => JasperFxEnvironment.AutoStartHost = true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:RorNational", connectionString);
        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton(clock));
            configureServices(services);
        });
    }

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();
}
