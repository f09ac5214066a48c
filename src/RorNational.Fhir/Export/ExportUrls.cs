using Microsoft.AspNetCore.Http;

namespace RorNational.Fhir.Export;

/// <summary>The absolute URLs of an export: its poll URL (the national guide's $export-poll-status) and its files.</summary>
public static class ExportUrls
{
    public const string StatusPath = "/fhir/$export-poll-status";
    public const string FilePath = "/fhir/$export-file";

    private static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    public static string Status(HttpRequest request, string exportId) => $"{Base(request)}{StatusPath}?_jobId={exportId}";

    public static string File(HttpRequest request, string exportId, int number) => $"{Base(request)}{FilePath}/{exportId}/{number}";
}
