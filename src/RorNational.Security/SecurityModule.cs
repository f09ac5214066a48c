using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RorNational.Security.Access;
using RorNational.Security.Callers;
using RorNational.Security.Clients;
using RorNational.Security.Limits;
using RorNational.Security.Tokens;

namespace RorNational.Security;

/// <summary>Authentication and the caller of each request, wired once.</summary>
public static class SecurityModule
{
    /// <summary>
    /// Reads the clients (adding the file named by Access:ClientsFile as a configuration
    /// source) and the token settings, and fails here, before anything starts, if either is
    /// invalid.
    /// </summary>
    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        AddClientsFile(builder);
        var tokens = TokenSettings.From(builder.Configuration, builder.Environment);
        var limits = LimitSettings.From(builder.Configuration);
        // Tokens live in real time: the business clock of the tests never applies to them.
        var validated = new ValidatedTokens(TimeProvider.System);
        if (tokens.UsesDevelopmentKey && DevelopmentKeyRule.PublicBindings(builder.Configuration) is { Count: > 0 } bindings)
            throw DevelopmentKeyRule.Refused(bindings);
        builder.Services
            .AddSingleton(tokens)
            .AddSingleton(ClientRegistry.From(builder.Configuration))
            .AddSingleton(AccessSettings.From(builder.Configuration))
            .AddSingleton(limits)
            .AddSingleton<ClientLimiters>()
            .AddSingleton<TokenIssuer>()
            .AddSingleton(validated)
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options => CheckTokens(options, tokens, validated));
        return builder;
    }

    /// <summary>
    /// Must come right after the error middleware: every request below it has a caller, or was
    /// refused, and FHIR requests are within their caller's limits (<see cref="RequestLimiting"/>).
    /// </summary>
    public static WebApplication UseSecurity(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RorNational.Security");
        if (app.Services.GetRequiredService<TokenSettings>().UsesDevelopmentKey)
            logger.LogWarning("Bearer tokens are checked with the built-in development key (kid \"dev\"), whose secret is public: " +
                              "configure Authentication:SigningKeys for any real deployment");
        if (app.Services.GetRequiredService<AccessSettings>().AnonymousProfile is { } profile)
            logger.LogInformation("FHIR reads without a token are served with the access profile {Profile}", profile);
        if (app.Services.GetRequiredService<TokenSettings>().UsesDevelopmentKey)
            app.Lifetime.ApplicationStarted.Register(() => StopIfBoundBeyondLoopback(app, logger));
        var clients = app.Services.GetRequiredService<ClientRegistry>();
        app.Lifetime.ApplicationStopping.Register(clients.FollowChanges(app.Configuration, logger).Dispose);

        // WebApplication adds the authentication middleware itself (a scheme is registered): it runs
        // the JWT handler once per request, which checks a token the first time only and then finds
        // it kept (CheckTokens, ValidatedTokens). CallerResolution reads that same result (memoized
        // for the request) and sets the caller, or refuses.
        app.UseMiddleware<CallerResolution>();
        app.UseMiddleware<RequestLimiting>();
        return app;
    }

    /// <summary>
    /// The addresses actually bound, endpoints configured in code included: past the check of the
    /// configuration, a host with the development key that listens beyond loopback stops at once.
    /// </summary>
    private static void StopIfBoundBeyondLoopback(WebApplication app, ILogger logger)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var bound = addresses.Where(address => !DevelopmentKeyRule.IsLoopback(address)).ToList();
        if (bound.Count == 0) return;
        logger.LogCritical("{Refusal}", DevelopmentKeyRule.Refused(bound).Message);
        Environment.ExitCode = 1;
        app.Lifetime.StopApplication();
    }

    private static void AddClientsFile(WebApplicationBuilder builder)
    {
        if (builder.Configuration[AccessSettings.ClientsFileKey] is not { Length: > 0 } file) return;
        var path = Path.GetFullPath(file, builder.Environment.ContentRootPath);
        if (!File.Exists(path))
            throw new InvalidOperationException($"{AccessSettings.ClientsFileKey} names {path}, which does not exist.");
        builder.Configuration.AddJsonFile(path, optional: false, reloadOnChange: true);
    }

    private static void CheckTokens(JwtBearerOptions options, TokenSettings tokens, ValidatedTokens validated)
    {
        options.MapInboundClaims = false;
        options.Events = new JwtBearerEvents
        {
            // A token accepted before and not expired since is not checked again: its claims are kept.
            OnMessageReceived = context =>
            {
                if (validated.Find(context.Request.Headers.Authorization.ToString()) is { } principal)
                {
                    context.Principal = principal;
                    context.Success();
                }
                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                if (context.SecurityToken is not JsonWebToken token) context.Fail(new TokenRefusedException("the token is malformed"));
                else if (TokenShape.Fault(token, tokens.MaxLifetime, DateTime.UtcNow) is { } fault) context.Fail(new TokenRefusedException(fault));
                else if (context.Principal is { } principal)
                    validated.Keep(context.Request.Headers.Authorization.ToString(), principal, new DateTimeOffset(token.ValidTo, TimeSpan.Zero));
                return Task.CompletedTask;
            },
        };
        // Tokens live in real time: the business clock of the tests never applies to them.
        options.TimeProvider = TimeProvider.System;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = tokens.Issuer,
            ValidAudience = tokens.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TokenSettings.ClockSkew,
            // The header's kid picks the key, and the token's alg must be that key's: no key is tried at random.
            TryAllIssuerSigningKeys = false,
            IssuerSigningKeyResolver = (_, token, keyId, _) => tokens.KeysFor(keyId, (token as JsonWebToken)?.Alg).Select(key => key.Key),
            NameClaimType = TokenIssuer.ClientIdClaim,
        };
    }
}
