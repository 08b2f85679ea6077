using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Feedback.Api.Common.OpenApi;

/// <summary>
/// The document's server (the public base URL, never the request's Host, no trailing slash) and a description
/// for every tag. Descriptions are Markdown: anything that looks like a tag goes in backticks.
/// </summary>
internal sealed class ServersAndTagsTransformer(IOptions<FeedbackOptions> options) : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> Tags = new()
    {
        ["API keys"] = "Keys for integrations, each with scopes; the secret is shown once, only its hash is stored.",
        ["People"] = "The org chart, addressed by the HR system's own `externalId`: upsert, import (JSON or CSV), list, deactivate.",
        ["Behaviors"] = "The catalog of behaviors raters score, each in one dimension: `leadership` or `management`.",
        ["Cycles"] = "Feedback rounds: `draft` → `open` → `closed` (final), and who has answered so far.",
        ["Assignments"] = "Who rates whom in a cycle, by hand or generated from the org chart; each has a rater token and a `raterUrl`.",
        ["Ratings"] = "The two sheets of an assignment, leadership and management, submitted separately. Write-only.",
        ["Reports"] = "Person, gap and trend reports of closed cycles, computed so that no rater can be singled out.",
        ["Webhooks"] = "Signed notifications of cycle and sheet events (ids and counts only, never answers).",
        ["SCIM"] = "SCIM 2.0 (RFC 7643/7644) over the same people, for identity providers.",
        ["Rater page"] = "The page raters open from their link; no login, no API key.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Servers = [new OpenApiServer { Url = options.Value.PublicBaseUrl.TrimEnd('/'), Description = "This service (Feedback__PublicBaseUrl)." }];
        var used = document.Paths.Values
            .SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name)
            .Where(n => n is not null)
            .Distinct()
            .ToList();
        document.Tags = new HashSet<OpenApiTag>(used.Select(name => new OpenApiTag
        {
            Name = name,
            Description = Tags.GetValueOrDefault(name!, name!),
        }));
        return Task.CompletedTask;
    }
}

/// <summary>
/// One description per parameter name, so every operation's parameters are explained the same way. An operation
/// with its own wording (set with <c>WithParameterDescription</c> or by the endpoint) keeps it.
/// </summary>
internal sealed class ParameterDescriptionsTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<(string Name, ParameterLocation In), string> Common = new()
    {
        [("limit", ParameterLocation.Query)] = "Page size, 1–200 (default 50).",
        [("cursor", ParameterLocation.Query)] = "The `nextCursor` of the previous page; omit for the first page.",
        [("cycleId", ParameterLocation.Path)] = "The cycle's id.",
        [("assignmentId", ParameterLocation.Path)] = "The assignment's id (from create, generate or the assignment list).",
        [("externalId", ParameterLocation.Path)] = "The person's id in the HR system: 1–128 characters of `A-Z a-z 0-9 . _ @ : -`.",
        [("key", ParameterLocation.Path)] = "The behavior's key, e.g. `empathy`: lower-case letters, digits and `-`.",
        [("If-Match", ParameterLocation.Header)] = "Optional: the `ETag` of the version you read; another version → 412.",
        [("department", ParameterLocation.Query)] = "Only people of this department (exact match).",
        [("managerExternalId", ParameterLocation.Query)] = "Only the direct reports of this person.",
        [("status", ParameterLocation.Query)] = "Only cycles in this status: `draft`, `open` or `closed`.",
        [("subjectExternalId", ParameterLocation.Query)] = "Only the assignments of this subject (the person rated).",
        [("raterExternalId", ParameterLocation.Query)] = "Only the assignments of this rater.",
        [("sort", ParameterLocation.Query)] = "`gap` (default, ascending), `-gap`, `leadership`, `-leadership`, `management`, `-management` or `name`; nulls last, ties by `externalId`.",
        [("isManager", ParameterLocation.Query)] = "`true`: only people with active direct reports (as the cycle closed); `false`: only the others.",
        [("quadrant", ParameterLocation.Query)] = "Only subjects in this quadrant.",
        [("filter", ParameterLocation.Query)] = "A SCIM filter; supported: `userName eq \"…\"` and `externalId eq \"…\"`.",
        [("startIndex", ParameterLocation.Query)] = "1-based index of the first result (SCIM; default 1).",
        [("count", ParameterLocation.Query)] = "Results per page (SCIM; default and maximum 200).",
        [("by", ParameterLocation.Query)] = "How to group: `department` or `manager` (the manager's team).",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var path = context.Description.RelativePath ?? "";
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (!string.IsNullOrWhiteSpace(parameter.Description) || parameter.Name is null || parameter.In is not { } location)
            {
                continue;
            }

            parameter.Description = (parameter.Name, location) switch
            {
                ("id", ParameterLocation.Path) when path.StartsWith("v1/api-keys", StringComparison.Ordinal) => "The API key's id (not its secret).",
                ("id", ParameterLocation.Path) when path.StartsWith("v1/webhooks", StringComparison.Ordinal) => "The webhook's id.",
                ("id", ParameterLocation.Path) when path.StartsWith("scim/v2/Schemas", StringComparison.Ordinal) => "The schema's URN, e.g. `urn:ietf:params:scim:schemas:core:2.0:User`.",
                ("id", ParameterLocation.Path) => "The SCIM user's `id` (the service's id, not the `userName`).",
                _ => Common.TryGetValue((parameter.Name, location), out var known) ? known : parameter.Description,
            };
        }

        return Task.CompletedTask;
    }
}
