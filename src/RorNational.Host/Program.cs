using JasperFx;
using RorNational.Fhir;
using RorNational.Host;
using RorNational.Host.Health;
using RorNational.Host.Http;
using RorNational.Host.Overload;
using RorNational.Offer.ApiRights;
using RorNational.Offer.Establishments;
using RorNational.Security;
using RorNational.Security.Tokens;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);
builder.AddSecurity();
// `token <clientId>` prints a token and stops: no server, no database.
if (TokenCommand.IsRequested(args)) return TokenCommand.Run(builder.Configuration, builder.Environment, args);
builder.AddServiceDefaults();
builder.AddEventStore();
builder.AddOverloadProtection();
builder.Services.AddHostedService<RuntimeSettingsLog>();

var app = builder.Build();
app.UseMiddleware<HeadAsGet>();
app.UseFhirErrors();
app.UseSecurity();
app.UseRouting();
// A bound on requests served and queued, and a timeout on each: 503 rather than a pile-up or a hang.
app.UseOverloadProtection();
app.UseMiddleware<UnknownRoutes>();
app.UseMiddleware<UnsupportedMethods>();
// Every /api route declares its right; checked here, before its endpoint reads anything.
app.UseRightsOnTheApi();
app.MapHealthEndpoints();
app.MapWolverineEndpoints(options => options.ConfigureOfferEndpoints());

// JasperFx command line: `dotnet run -- help` lists db-apply, projections, codegen...
return await app.RunJasperFxCommands(args);

/// <summary>The entry point, visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
