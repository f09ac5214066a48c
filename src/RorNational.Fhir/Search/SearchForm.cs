using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using RorNational.Domain.Common;
using RorNational.Fhir.Search.Querying;
using RorNational.Security.Http;

namespace RorNational.Fhir.Search;

/// <summary>
/// The form body of POST /fhir/{type}/_search, read under the search bounds: past one (too
/// many fields, a name or value too long, a multipart body too large) the answer is 413; a
/// body that is not a well-formed form (multipart without a boundary, a truncated part) is 400.
/// </summary>
public static class SearchForm
{
    /// <summary>Multipart is read as a form too; its whole body stays small.</summary>
    public const int MaxMultipartBytes = 1024 * 1024;

    public static async Task<IFormCollection> ReadAsync(HttpRequest request, SearchOptions limits)
    {
        var options = new FormOptions
        {
            ValueCountLimit = limits.MaxParameters,
            KeyLengthLimit = limits.MaxNameLength,
            ValueLengthLimit = limits.MaxValueLength,
            MultipartBodyLengthLimit = MaxMultipartBytes,
            MultipartHeadersLengthLimit = 16 * 1024,
        };
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, options));
        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw new HttpRefusal(HttpRefusalKind.PayloadTooLarge,
                $"the form body is larger than a search takes ({e.Message} At most {limits.MaxParameters} fields, " +
                $"names of {limits.MaxNameLength} and values of {limits.MaxValueLength} characters, {MaxMultipartBytes} bytes of multipart)");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new HttpRefusal(HttpRefusalKind.PayloadTooLarge, "the form body is larger than this server takes");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException
                                  && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw CommandRejected.Because(RejectionKind.Invalid,
                $"the form body is not a well-formed form ({e.Message}); send application/x-www-form-urlencoded");
        }
    }
}
