using Microsoft.AspNetCore.Http;

namespace NewsIngest.Tests.Infrastructure;

/// <summary>Answers of broken or hostile servers, for <see cref="LocalHttpServer"/> handlers.</summary>
public static class HostileResponses
{
    /// <summary>Declares <paramref name="declared"/> bytes, sends <paramref name="sent"/>, then goes silent until the client leaves.</summary>
    public static Func<HttpContext, Task> Stall(string contentType, long declared, int sent) => async context =>
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = declared;
        await context.Response.Body.WriteAsync(Filler(sent), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        await WaitForClientToLeaveAsync(context);
    };

    /// <summary>One byte per second, for as long as the client listens.</summary>
    public static Func<HttpContext, Task> Trickle(string contentType) => async context =>
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = 100_000;
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync("<"u8.ToArray(), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(TimeSpan.FromSeconds(1), context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // the client gave up, as it should
        }
    };

    /// <summary>8 KB every second, forever: a feed that never ends, each chunk well-formed XML text.</summary>
    public static Func<HttpContext, Task> EndlessFeed() => async context =>
    {
        context.Response.ContentType = "application/rss+xml";
        try
        {
            await context.Response.WriteAsync("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>", context.RequestAborted);
            var chunk = string.Concat(Enumerable.Repeat("<item><title>x</title></item>", 8192 / 29));
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.WriteAsync(chunk, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(TimeSpan.FromSeconds(1), context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // the client gave up, as it should
        }
    };

    /// <summary>
    /// Declares <paramref name="declared"/> bytes, sends <paramref name="sent"/>, then resets the connection — once the client has
    /// had time to read the headers, so the cut lands mid-body (a reset discards what the client has not read yet).
    /// <see cref="TruncatingServer"/> cuts with a clean close instead.
    /// </summary>
    public static Func<HttpContext, Task> CutMidBody(string contentType, long declared = 1_000_000, int sent = 2048) => async context =>
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = declared;
        await context.Response.Body.WriteAsync(Filler(sent));
        await context.Response.Body.FlushAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        context.Abort();
    };

    private static byte[] Filler(int length)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, (byte)' ');
        return bytes;
    }

    private static async Task WaitForClientToLeaveAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // the client gave up, as it should
        }
    }
}
