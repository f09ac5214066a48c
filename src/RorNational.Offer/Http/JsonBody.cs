using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Security.Http;

namespace RorNational.Offer.Http;

/// <summary>
/// Reads a command from a JSON body. Endpoints read their body through this rather than
/// letting Wolverine bind it, so that a bad body is refused with an OperationOutcome naming
/// the field, like every other error: a body over <see cref="MaxBytes"/> (413), text that is
/// not clean JSON (<see cref="JsonHygiene"/>), a member the command does not have (a misspelt
/// name would otherwise be dropped silently), a member it cannot do without
/// (<see cref="RequireNonNullableConstructorMembers"/>), a value of the wrong type.
/// </summary>
public static partial class JsonBody
{
    /// <summary>The largest command body taken: a whole fiche with its content is a few kilobytes.</summary>
    public const int MaxBytes = 256 * 1024;

    private static bool IsMergePatch(this string? contentType) =>
        contentType?.StartsWith("application/merge-patch+json", StringComparison.OrdinalIgnoreCase) == true;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        // A number is a JSON number: "inService": "1" is a wrong type (the web defaults would read it).
        NumberHandling = JsonNumberHandling.Strict,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RequireNonNullableConstructorMembers } },
    };

    /// <summary>
    /// A member bound to a constructor parameter that is neither nullable nor defaulted must be
    /// present: otherwise <c>"ageRange": {}</c> would become a 0-0 range, <c>"position": {}</c>
    /// a point off the coast of Africa. Nullable members (<c>"opens"</c>, a contact's
    /// <c>"name"</c>) and properties with an initializer stay optional.
    /// </summary>
    private static void RequireNonNullableConstructorMembers(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
            if (property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false })
                property.IsRequired = true;
    }

    /// <summary>The command in the request's body (bound by <see cref="StrictJsonBodyAttribute"/>).</summary>
    public static Task<T> ReadAsync<T>(HttpContext http) where T : class => ReadAsync<T>(http.Request, http.RequestAborted);

    /// <summary>The command in the request's body, or null when the request has no body.</summary>
    public static async Task<T?> ReadOptionalAsync<T>(HttpContext http) where T : class =>
        http.Request.ContentLength is null or 0 && !http.Request.Headers.ContainsKey("Transfer-Encoding")
            ? null
            : await ReadAsync<T>(http.Request, http.RequestAborted);

    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellation) where T : class
    {
        if (!request.HasJsonContentType() && !request.ContentType.IsMergePatch())
            throw new HttpRefusal(HttpRefusalKind.UnsupportedMediaType, "send the body as application/json");
        var body = await BoundedAsync(request, cancellation);
        JsonHygiene.Check(body.Span);
        try
        {
            return JsonSerializer.Deserialize<T>(body.Span, Options)
                ?? throw CommandRejected.Because(RejectionKind.Invalid, "a JSON object is required");
        }
        catch (JsonException json)
        {
            var field = json.Path is null or "$" ? null : json.Path.TrimStart('$', '.');
            if (UnmappedMember().Match(json.Message) is { Success: true } unmapped)
            {
                var member = unmapped.Groups["name"].Value;
                var path = field is null ? member : field.EndsWith(member, StringComparison.Ordinal) ? field : $"{field}.{member}";
                throw CommandRejected.Because(RejectionKind.Invalid,
                    "is not a member of this body: check its spelling (unknown members are refused, never ignored)", path);
            }
            if (MissingMembers().Match(json.Message) is { Success: true } missing)
                throw new CommandRejected(RejectionKind.Invalid, missing.Groups["names"].Captures
                    .Select(name => new Problem("is required", field is null ? name.Value : $"{field}.{name.Value}"))
                    .ToList());
            throw CommandRejected.Because(RejectionKind.Invalid,
                $"not valid JSON for this operation, or a value of the wrong type (line {json.LineNumber + 1}, byte {json.BytePositionInLine})", field);
        }
    }

    private static async Task<ReadOnlyMemory<byte>> BoundedAsync(HttpRequest request, CancellationToken cancellation)
    {
        if (request.ContentLength > MaxBytes) throw TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static HttpRefusal TooLarge() =>
        new HttpRefusal(HttpRefusalKind.PayloadTooLarge, $"a command body is limited to {MaxBytes / 1024} KB");

    [GeneratedRegex("missing required properties including: (?:'(?<names>[^']+)',? ?)+")]
    private static partial Regex MissingMembers();

    [GeneratedRegex("The JSON property '(?<name>.*)' could not be mapped")]
    private static partial Regex UnmappedMember();
}
