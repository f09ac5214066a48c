using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.IO;

namespace RorNational.Fhir.Http;

/// <summary>
/// A FHIR JSON answer written by a <see cref="Utf8JsonWriter"/> callback (a Bundle around stored
/// resources). In plain JSON, the callback writes UTF-8 into pooled blocks
/// (<see cref="RecyclableMemoryStream"/>) that are then sent as they are, with their length: a
/// page of a thousand resources is never held as one growing array nor as a string, which would
/// land on the large object heap and be copied and transcoded twice. Nothing is sent before the
/// whole answer is written, so a failure while writing still gets its OperationOutcome.
/// Indented JSON (_pretty) and XML need the whole text, so they take <see cref="BundleJson.Write"/>'s string.
/// </summary>
public sealed class FhirJsonResult(Action<Utf8JsonWriter> write, FhirFormat format, int status = StatusCodes.Status200OK) : IResult
{
    /// <summary>Blocks kept for the next answers: at most 32 MiB idle (beyond, a freed block goes back to the GC).</summary>
    private static readonly RecyclableMemoryStreamManager Blocks = new(new RecyclableMemoryStreamManager.Options
    {
        MaximumSmallPoolFreeBytes = 32 * 1024 * 1024,
        MaximumLargePoolFreeBytes = 32 * 1024 * 1024,
    });

    public async Task ExecuteAsync(HttpContext context)
    {
        if (format.Syntax != FhirSyntax.Json || format.Pretty)
        {
            await FhirOutput.WriteAsync(context, status, BundleJson.Write(write), format);
            return;
        }
        await using var buffer = Blocks.GetStream(nameof(FhirJsonResult));
        await using (var json = new Utf8JsonWriter((IBufferWriter<byte>)buffer, BundleJson.WriterOptions)) write(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = format.ContentType;
        context.Response.ContentLength = buffer.Length;
        foreach (var block in buffer.GetReadOnlySequence())
            await context.Response.Body.WriteAsync(block, context.RequestAborted);
    }
}
