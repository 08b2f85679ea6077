namespace Feedback.Api.Domain;

/// <summary>
/// A POST made with an <c>Idempotency-Key</c>, per credential: the request's fingerprint and, once it finished, the
/// response to replay. <see cref="ResponseStatus"/> null = still running.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid CredentialId { get; set; }
    public required string Key { get; set; }
    public required byte[] RequestHash { get; set; }
    public int? ResponseStatus { get; set; }
    public string? ResponseHeaders { get; set; }
    public byte[]? ResponseBody { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
