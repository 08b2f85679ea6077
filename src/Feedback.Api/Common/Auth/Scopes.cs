namespace Feedback.Api.Common.Auth;

public static class Scopes
{
    public const string Admin = "admin";
    public const string PeopleWrite = "people:write";
    public const string CyclesWrite = "cycles:write";
    public const string RatingsWrite = "ratings:write";
    public const string ReportsRead = "reports:read";

    public static IReadOnlyList<string> All { get; } = [Admin, PeopleWrite, CyclesWrite, RatingsWrite, ReportsRead];
}
