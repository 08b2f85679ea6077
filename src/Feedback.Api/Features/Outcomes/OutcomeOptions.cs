namespace Feedback.Api.Features.Outcomes;

/// <summary>The <c>Feedback:Outcomes</c> section: how long after a cycle closes its outcomes may still be recorded.</summary>
public sealed class OutcomeOptions
{
    public const string Section = "Feedback:Outcomes";

    /// <summary>
    /// Outcomes (productivity, engagement, retention) arrive later than ratings — retention only once the period is
    /// over — so they are accepted until this long after the cycle closed (default 180 days), then 409.
    /// </summary>
    public TimeSpan AcceptFor { get; set; } = TimeSpan.FromDays(180);

    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        var options = new OutcomeOptions();
        try
        {
            configuration.GetSection(Section).Bind(options);
        }
        catch (InvalidOperationException)
        {
            return ["Feedback__Outcomes__AcceptFor must be a time span such as 180.00:00:00 (days.hours:minutes:seconds)."];
        }

        return options.AcceptFor < TimeSpan.Zero || options.AcceptFor > TimeSpan.FromDays(3660)
            ? ["Feedback__Outcomes__AcceptFor must be between 00:00:00 and 3660.00:00:00 (ten years)."]
            : [];
    }
}
