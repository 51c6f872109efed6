using System.Buffers.Binary;
using System.Text;

namespace AgentLightning.IntegrationHub.Proxy;

/// <summary>
/// An upstream answer, passed on as it came (status, content type, body; a 4xx is the external API's own
/// answer), and its form in Redis: content type length, content type, body.
/// </summary>
internal sealed record ProxyAnswer(int Status, string? ContentType, byte[] Body) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = Status;
        httpContext.Response.ContentType = ContentType ?? "application/octet-stream";
        httpContext.Response.ContentLength = Body.Length;
        return httpContext.Response.Body.WriteAsync(Body, httpContext.RequestAborted).AsTask();
    }

    public byte[] ToBytes()
    {
        var type = Encoding.UTF8.GetBytes(ContentType ?? "");
        var bytes = new byte[2 + type.Length + Body.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)type.Length);
        type.CopyTo(bytes, 2);
        Body.CopyTo(bytes, 2 + type.Length);
        return bytes;
    }

    /// <summary>Only 200 answers are cached, so the status is not stored.</summary>
    public static ProxyAnswer FromBytes(byte[] bytes)
    {
        var length = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        var type = Encoding.UTF8.GetString(bytes, 2, length);
        return new ProxyAnswer(200, type.Length == 0 ? null : type, bytes[(2 + length)..]);
    }
}
