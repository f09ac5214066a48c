using JasperFx.CommandLine;
using Microsoft.Extensions.Options;
using RorNational.Fhir.Access;
using RorNational.Fhir.Auditing;
using RorNational.Fhir.Export;
using RorNational.Fhir.Export.Files;
using RorNational.Fhir.Export.Running;
using Spectre.Console;

namespace RorNational.Host.OpenData;

public sealed class OpenDataInput : NetCoreInput
{
    [Description("An empty (or new) folder the files and the manifest are written to")]
    public string Folder { get; set; } = "";

    [Description("The URL the folder will be published at: the manifest's file URLs start with it (default: the file names alone)")]
    public string? BaseUrlFlag { get; set; }

    [Description("Resources per file (default Export:ResourcesPerFile)")]
    public int ResourcesPerFileFlag { get; set; }
}

/// <summary>
/// <c>dotnet RorNational.Host.dll open-data &lt;folder&gt;</c>: writes the whole repository as the
/// public profile sees it (Audit:PublicProfile), from one snapshot, as ndjson files with a static
/// manifest in the shape of the Bulk Publish proposal (<c>bulk-publish.json</c>), ready to post on
/// an open-data portal. Read-only on the database; the files are the export's, byte for byte.
/// </summary>
[Description("Writes the public data of the whole repository to a folder, as ndjson files and a Bulk Publish manifest", Name = "open-data")]
public sealed class OpenDataCommand : JasperFxAsyncCommand<OpenDataInput>
{
    public const string ManifestName = "bulk-publish.json";

    public override async Task<bool> Execute(OpenDataInput input)
    {
        var folder = Path.GetFullPath(input.Folder);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{folder} is not empty:[/] give a new or empty folder (a publication's files never change once posted).");
            return false;
        }
        Directory.CreateDirectory(folder);
        using var host = input.BuildHost();
        var services = host.Services;
        var profile = services.GetRequiredService<AccessProfiles>().Of(services.GetRequiredService<IOptions<AuditOptions>>().Value.PublicProfile);
        var perFile = input.ResourcesPerFileFlag > 0 ? input.ResourcesPerFileFlag : services.GetRequiredService<IOptions<ExportOptions>>().Value.ResourcesPerFile;
        var chunks = new FolderChunks(folder);
        var files = new NdjsonFiles(chunks, perFile);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var cut = await services.GetRequiredService<ExportSnapshot>().WriteAsync(new ExportSelection(), profile, files, CancellationToken.None);
        var names = chunks.Complete(files.Outputs);
        await File.WriteAllTextAsync(Path.Combine(folder, ManifestName),
            OpenDataManifest.Of(cut, profile, files.Outputs, names, input.BaseUrlFlag).ToJsonString(new() { WriteIndented = true }));
        var rate = files.Written / Math.Max(started.Elapsed.TotalSeconds, 0.001);
        AnsiConsole.MarkupLineInterpolated(
            $"[green]Wrote the public data[/] ({profile.Code}) to {folder}: {files.Written:N0} resources in {files.Outputs.Count} files, cut at event {cut.EventSequence}, in {started.Elapsed.TotalSeconds:N1} s ({rate:N0} resources/s); manifest {ManifestName}.");
        return true;
    }
}
