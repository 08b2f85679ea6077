namespace Feedback.Api.Domain;

/// <summary>The behaviors every new organization starts with.</summary>
public static class DefaultCatalog
{
    public static IReadOnlyList<(string Key, Dimension Dimension, string Name, string Description)> Behaviors { get; } =
    [
        ("active-listening", Dimension.Leadership, "Active listening",
            "Gives people full attention, checks understanding and lets them finish before responding."),
        ("empathy", Dimension.Leadership, "Empathy",
            "Notices how others feel and takes their perspective into account in what they say and decide."),
        ("guiding-conversations", Dimension.Leadership, "Guiding conversations",
            "Steers discussions toward clarity and agreement without taking them over."),
        ("implementing-vision", Dimension.Leadership, "Implementing a vision",
            "Makes a shared picture of the future concrete and moves people toward it."),
        ("building-trust", Dimension.Leadership, "Building trust",
            "Is consistent, keeps commitments and is open, so people rely on them."),
        ("organizing-projects", Dimension.Management, "Organizing projects",
            "Breaks work into a plan with scope, milestones and owners, and keeps it current."),
        ("managing-resources", Dimension.Management, "Managing resources",
            "Allocates people, time and budget where they are needed and keeps within limits."),
        ("directing-workflows", Dimension.Management, "Directing workflows",
            "Coordinates who does what and when, so work flows without gaps or collisions."),
    ];

    public static IEnumerable<Behavior> For(Guid organizationId) =>
        Behaviors.Select((b, i) => new Behavior
        {
            OrganizationId = organizationId,
            Key = b.Key,
            Dimension = b.Dimension,
            Name = b.Name,
            Description = b.Description,
            Position = i,
        });
}
