namespace Feedback.Api.IntegrationTests.OutsideCheck;

/// <summary>A person as the outside checker last wrote them through the API.</summary>
public sealed class ModelPerson
{
    public required string ExternalId { get; init; }

    public required string DisplayName { get; set; }

    public string? Department { get; set; }

    public string? Manager { get; set; }

    public string? Title { get; set; }

    public bool Active { get; set; } = true;

    /// <summary>The PUT /v1/people body (a full replacement) and the import row without the externalId.</summary>
    public object Body() => new { displayName = DisplayName, managerExternalId = Manager, department = Department, title = Title, active = Active };

    public object ImportRow() => new { externalId = ExternalId, displayName = DisplayName, managerExternalId = Manager, department = Department, title = Title, active = Active };
}

/// <summary>The checker's own copy of the org chart, so it knows isManager, department and name at every close.</summary>
public sealed class OrgChartModel
{
    public Dictionary<string, ModelPerson> People { get; } = new(StringComparer.Ordinal);

    public IEnumerable<ModelPerson> Active => People.Values.Where(p => p.Active).OrderBy(p => p.ExternalId, StringComparer.Ordinal);

    /// <summary>PRODUCT.md: isManager = has at least one active direct report.</summary>
    public bool IsManager(string externalId) => People.Values.Any(p => p.Active && p.Manager == externalId);

    public IEnumerable<ModelPerson> ActiveReportsOf(string externalId) => Active.Where(p => p.Manager == externalId);

    /// <summary>True when <paramref name="candidate"/> is <paramref name="person"/> or below them (a manager loop if made their manager).</summary>
    public bool IsInTreeOf(string person, string candidate)
    {
        for (var at = candidate; at is not null; at = People[at].Manager)
        {
            if (at == person)
            {
                return true;
            }
        }

        return false;
    }

    public (string DisplayName, string? Department, bool IsManager) Snapshot(string externalId) =>
        (People[externalId].DisplayName, People[externalId].Department, IsManager(externalId));
}
