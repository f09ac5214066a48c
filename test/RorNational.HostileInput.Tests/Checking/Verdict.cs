using System.Net;
using System.Text.Json;
using RorNational.HostileInput.Tests.Requests;

namespace RorNational.HostileInput.Tests.Checking;

/// <summary>One answer to a hostile request, as sent and as received.</summary>
public sealed record Answer(HostileRequest Request, int Status, string ContentType, string Body, TimeSpan Elapsed, string? Location)
{
    public const int TimedOut = -1;
    public const int ConnectionFailed = -2;

    public bool Accepted => Status is >= 200 and < 300;
}

/// <summary>A fault found: what kind, on which request, with the answer that shows it.</summary>
public sealed record Failure(string Kind, Answer Answer, string Detail = "");

/// <summary>What a hostile request must get: a 4xx with a FHIR OperationOutcome, in time.</summary>
public static class Verdict
{
    public const string ServerError = "5xx";
    public const string Hang = "no answer in time (hang)";
    public const string NotRefused = "not refused (2xx/3xx)";
    public const string NotOperationOutcome = "4xx without a FHIR OperationOutcome body";
    public const string Stored = "something stored or changed";

    public static Failure? Of(Answer answer)
    {
        if (answer.Status == Answer.TimedOut) return new(Hang, answer);
        if (answer.Status == Answer.ConnectionFailed) return new(ServerError, answer, "the connection failed");
        if (answer.Status >= 500) return new(ServerError, answer);
        if (answer.Status < 400)
            return answer.Accepted && (answer.Request.MayBeAcceptedWithoutEffect || answer.Request.MayBeAnswered
                                       || answer.Request.AnsweredPerEntry && EveryEntryRefused(answer))
                ? null
                : new(NotRefused, answer);
        return IsOperationOutcome(answer) ? null : new(NotOperationOutcome, answer);
    }

    /// <summary>A batch-response whose every entry is a 4xx with an OperationOutcome.</summary>
    private static bool EveryEntryRefused(Answer answer)
    {
        try
        {
            using var json = JsonDocument.Parse(answer.Body);
            var root = json.RootElement;
            return root.TryGetProperty("type", out var type) && type.GetString() == "batch-response"
                && root.TryGetProperty("entry", out var entries) && entries.GetArrayLength() > 0
                && entries.EnumerateArray().All(entry => entry.TryGetProperty("response", out var response)
                    && response.TryGetProperty("status", out var status) && status.GetString() is ['4', _, _, ..]
                    && response.TryGetProperty("outcome", out var outcome) && IsOperationOutcome(outcome));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return false;
        }
    }

    private static bool IsOperationOutcome(JsonElement resource) =>
        resource.ValueKind == JsonValueKind.Object
        && resource.TryGetProperty("resourceType", out var type) && type.GetString() == "OperationOutcome"
        && resource.TryGetProperty("issue", out var issues) && issues.GetArrayLength() > 0;

    private static bool IsOperationOutcome(Answer answer)
    {
        if (!answer.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase) && !answer.ContentType.Contains("xml", StringComparison.OrdinalIgnoreCase))
            return false;
        if (answer.ContentType.Contains("xml", StringComparison.OrdinalIgnoreCase))
            return answer.Body.Contains("<OperationOutcome", StringComparison.Ordinal) && answer.Body.Contains("<issue>", StringComparison.Ordinal);
        try
        {
            using var json = JsonDocument.Parse(answer.Body);
            return IsOperationOutcome(json.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static string Describe(Answer answer) =>
        $"{answer.Request.Describe()}\n  -> {StatusText(answer.Status)} ({answer.Elapsed.TotalMilliseconds:0} ms), {answer.ContentType}: " +
        HostileRequest.Excerpt(answer.Body.ReplaceLineEndings(" "), 400);

    private static string StatusText(int status) => status switch
    {
        Answer.TimedOut => "timed out",
        Answer.ConnectionFailed => "connection failed",
        _ => $"{status} {(HttpStatusCode)status}",
    };
}
