using Microsoft.AspNetCore.Http.Features;

namespace RorNational.Host.Http;

/// <summary>
/// HEAD answers as GET does, without the body (RFC 9110 §9.3.2): the request runs as a GET,
/// with the same status and headers (ETag, Last-Modified, Content-Type, Content-Length), and
/// what it writes is counted, not sent. Comes first, so refusals answer HEAD the same way.
/// </summary>
public sealed class HeadAsGet(RequestDelegate next)
{
    private const string ServedAsGet = RorNational.Security.Http.HeadRequests.ServedAsGet;

    /// <summary>The method the caller sent: HEAD while it runs as GET.</summary>
    public static string MethodOf(HttpContext context) =>
        context.Items.ContainsKey(ServedAsGet) ? HttpMethods.Head : context.Request.Method;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        var realBody = context.Features.Get<IHttpResponseBodyFeature>()!;
        var realResponse = context.Features.Get<IHttpResponseFeature>()!;
        var counted = new CountingStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(counted));
        context.Features.Set<IHttpResponseFeature>(new StartedOnFirstByte(realResponse, counted));
        context.Request.Method = HttpMethods.Get;
        context.Items[ServedAsGet] = true;
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Method = HttpMethods.Head;
            context.Items.Remove(ServedAsGet);
            context.Features.Set(realBody);
            context.Features.Set(realResponse);
            if (!context.Response.HasStarted && context.Response.ContentLength is null && counted.Length > 0)
                context.Response.ContentLength = counted.Length;
        }
    }

    /// <summary>
    /// The response as the endpoint sees it: started once it has written a byte, as a GET's
    /// would be (so that no one below replaces the status, e.g. with 204, once the body is out).
    /// </summary>
    private sealed class StartedOnFirstByte(IHttpResponseFeature inner, CountingStream body) : IHttpResponseFeature
    {
        public int StatusCode { get => inner.StatusCode; set => inner.StatusCode = value; }
        public string? ReasonPhrase { get => inner.ReasonPhrase; set => inner.ReasonPhrase = value; }
        public IHeaderDictionary Headers { get => inner.Headers; set => inner.Headers = value; }
        public Stream Body { get => body; set => throw new NotSupportedException(); }
        public bool HasStarted => inner.HasStarted || body.Length > 0;
        public void OnStarting(Func<object, Task> callback, object state) => inner.OnStarting(callback, state);
        public void OnCompleted(Func<object, Task> callback, object state) => inner.OnCompleted(callback, state);
    }

    /// <summary>A sink that only counts the bytes written to it.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _length += count;
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
