namespace Feedback.Api.Domain;

/// <summary>The two things a rater scores separately.</summary>
public enum Dimension
{
    Leadership,
    Management,
}

/// <summary>How the rater relates to the subject of an assignment.</summary>
public enum Relationship
{
    Self,
    Manager,
    Peer,
    DirectReport,
    Other,
}

public enum CycleStatus
{
    Draft,
    Open,
    Closed,
}
