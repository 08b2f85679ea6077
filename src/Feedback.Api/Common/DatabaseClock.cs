namespace Feedback.Api.Common;

public static class DatabaseClock
{
    /// <summary>
    /// Now, cut to PostgreSQL's microsecond precision, so a response built from the entity equals what a later read
    /// returns (timestamptz drops the last tick digit).
    /// </summary>
    public static DateTimeOffset GetUtcNowForDatabase(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }
}
