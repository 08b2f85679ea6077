using System.Security.Cryptography;
using System.Text.Json;
using Feedback.Api.Common.Auth;
using Feedback.Api.Common.Secrets;
using Feedback.Api.Common.Telemetry;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Common.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on POST (IETF idempotency-key draft), per API key or rater token, kept 24 h in PostgreSQL so
/// it holds across restarts and instances: the same key and body replays the first response with
/// <c>Idempotent-Replayed: true</c>; another body → 422; while the first is still running → 409.
/// The stored response body is encrypted (<see cref="SecretProtector"/>): responses of POSTs carry one-time secrets
/// (API keys, rater tokens, webhook secrets), and a replay returns them exactly, so they are kept, but never readable
/// from the database.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    private static readonly string[] ReplayedHeaders = ["Location", "ETag", "Content-Type"];

    public async Task InvokeAsync(HttpContext context, FeedbackDbContext db, TimeProvider clock, SecretProtector protector, FeedbackMetrics metrics)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Headers.TryGetValue(Header, out var values)
            || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > 255)
        {
            throw new RequestValidationException(Header, "Idempotency-Key must be 1 to 255 characters.");
        }

        var credential = Caller.From(context.User).CredentialId;
        var fingerprint = await FingerprintAsync(context.Request);
        var now = clock.GetUtcNow();

        // Claim the key: exactly one request inserts the row; everyone else reads what it left.
        var claimed = await db.ExecuteAsync("idempotency.claim", $"""
            INSERT INTO idempotency_records (credential_id, key, request_hash, created_at)
            VALUES ({credential}, {key}, {fingerprint}, {now})
            ON CONFLICT (credential_id, key) DO UPDATE
                SET request_hash = excluded.request_hash, created_at = excluded.created_at,
                    response_status = NULL, response_headers = NULL, response_body = NULL
                WHERE idempotency_records.created_at < {now - Retention}
            """, context.RequestAborted);
        if (claimed == 0)
        {
            await AnswerFromRecordAsync(context, db, protector, credential, key, fingerprint, metrics);
            return;
        }

        await RunAndRememberAsync(context, db, protector, credential, key);
    }

    private static async Task AnswerFromRecordAsync(
        HttpContext context, FeedbackDbContext db, SecretProtector protector, Guid credential, string key, byte[] fingerprint, FeedbackMetrics metrics)
    {
        var record = await db.IdempotencyRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.CredentialId == credential && r.Key == key, context.RequestAborted)
            // The first request failed and released the key between our claim and this read: it may be retried now.
            ?? throw new ConflictException(ProblemTypes.IdempotencyInFlight,
                "The first request with this Idempotency-Key has just failed and released the key; retry this request.");
        if (!record.RequestHash.AsSpan().SequenceEqual(fingerprint))
        {
            throw new IdempotencyKeyReusedException();
        }

        if (record.ResponseStatus is not { } status)
        {
            throw new ConflictException(ProblemTypes.IdempotencyInFlight,
                "A request with this Idempotency-Key is still being processed; retry later to get its response.");
        }

        byte[]? body = null;
        if (record.ResponseBody is { Length: > 0 } stored)
        {
            try
            {
                body = protector.UnprotectResponse(stored);
            }
            catch (CryptographicException)
            {
                // The key ring lost the key that encrypted it (a replaced key directory): the response cannot be replayed.
                throw new ConflictException(ProblemTypes.IdempotencyUnreadable,
                    "The stored response of this Idempotency-Key cannot be decrypted (the data protection keys changed). "
                    + "Check whether the first request took effect before you retry it with a new key.");
            }
        }

        context.Response.StatusCode = status;
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(record.ResponseHeaders ?? "{}") ?? [])
        {
            context.Response.Headers[name] = value;
        }

        context.Response.Headers["Idempotent-Replayed"] = "true";
        metrics.IdempotentReplay();
        if (body is not null)
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private async Task RunAndRememberAsync(HttpContext context, FeedbackDbContext db, SecretProtector protector, Guid credential, string key)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var completed = false;
        try
        {
            await next(context);
            completed = true;
        }
        finally
        {
            context.Response.Body = original;
            var status = context.Response.StatusCode;
            // Failures the client should retry (5xx, 429, or an exception still on its way to the handler) release the key.
            if (!completed || status >= 500 || status == StatusCodes.Status429TooManyRequests)
            {
                await db.IdempotencyRecords.Where(r => r.CredentialId == credential && r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
            }
            else
            {
                var headers = ReplayedHeaders
                    .Where(h => context.Response.Headers.ContainsKey(h))
                    .ToDictionary(h => h, h => context.Response.Headers[h].ToString());
                var body = buffer.Length == 0 ? null : protector.ProtectResponse(buffer.ToArray());
                await db.IdempotencyRecords.Where(r => r.CredentialId == credential && r.Key == key)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.ResponseStatus, status)
                        .SetProperty(r => r.ResponseHeaders, JsonSerializer.Serialize(headers))
                        .SetProperty(r => r.ResponseBody, body), CancellationToken.None);
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original, CancellationToken.None);
        }
    }

    /// <summary>Method, path, query, content type and body: "the same request" in the draft's sense.</summary>
    private static async Task<byte[]> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString} {request.ContentType}\n"));
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return hash.GetHashAndReset();
    }
}

/// <summary>422: the key was used before with another request.</summary>
public sealed class IdempotencyKeyReusedException() : FeedbackException(
    StatusCodes.Status422UnprocessableEntity, ProblemTypes.IdempotencyKeyReused, "Idempotency-Key reused",
    "This Idempotency-Key was already used with a different request; use a new key for a new request.");

/// <summary>Deletes records past their 24 hours, hourly.</summary>
public sealed class IdempotencyCleanup(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<FeedbackDbContext>();
                var cutoff = clock.GetUtcNow() - IdempotencyMiddleware.Retention;
                var deleted = await db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(stoppingToken);
                logger.LogInformation("Deleted {Count} expired idempotency records", deleted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Idempotency cleanup failed; will retry next hour");
            }
        }
    }
}
