using JasperFx.CodeGeneration;

namespace RorNational.Host;

/// <summary>
/// How Wolverine and Marten get the code they generate for handlers, endpoints and document
/// storage. Production loads it pre-generated from this assembly (<c>Static</c>): build/release
/// writes it with <c>codegen write</c> and compiles it in, and its build carries no runtime
/// compiler, so a missing piece fails start-up instead of compiling. Development and the tests
/// generate and compile it at start-up (<c>Dynamic</c>), as the handlers change often.
/// <c>CodeGeneration:TypeLoadMode</c> (Dynamic, Auto or Static) overrides the environment's default.
/// </summary>
public static class CodeGenerationPolicy
{
    public const string SettingName = "CodeGeneration:TypeLoadMode";

    public static TypeLoadMode TypeLoadMode(IConfiguration configuration, IHostEnvironment environment) =>
        configuration[SettingName] is { Length: > 0 } configured
            ? Enum.TryParse<TypeLoadMode>(configured, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
                ? mode
                : throw new InvalidOperationException($"{SettingName} is '{configured}': expected Dynamic, Auto or Static")
            : environment.IsProduction() ? JasperFx.CodeGeneration.TypeLoadMode.Static : JasperFx.CodeGeneration.TypeLoadMode.Dynamic;
}
