using System.Text.Json.Nodes;
using Feedback.Api.Domain;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Feedback.Api.Common.OpenApi;

/// <summary>
/// Request and response examples, by operation id: realistic bodies the API accepts as they stand (the sheet
/// examples are built from the default catalog), so "Try it out" in Swagger UI works without editing. The test
/// <c>OpenApiExampleTests</c> sends each request example to the API; Redocly checks every example against its schema.
/// </summary>
internal sealed class OperationExamplesTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, string> Requests = new()
    {
        ["CreateApiKey"] = """{"name": "hr-sync", "scopes": ["people:write", "cycles:write", "reports:read"]}""",
        ["ImportPeople"] = """
            [
              {"externalId": "e-1001", "displayName": "Ada Lovelace", "email": "ada.lovelace@example.com", "department": "Engineering", "title": "VP Engineering"},
              {"externalId": "e-1002", "displayName": "Grace Hopper", "email": "grace.hopper@example.com", "managerExternalId": "e-1001", "department": "Engineering", "title": "Engineering Manager"},
              {"externalId": "e-1003", "displayName": "Alan Turing", "managerExternalId": "e-1002", "department": "Engineering", "title": "Staff Engineer", "active": true}
            ]
            """,
        ["UpsertPerson"] = """{"displayName": "Katherine Johnson", "email": "katherine.johnson@example.com", "managerExternalId": "e-1002", "department": "Engineering", "title": "Senior Engineer"}""",
        ["PutBehavior"] = """{"dimension": "leadership", "name": "Giving feedback", "description": "Says what they saw and why it matters, soon and in private, so people can act on it."}""",
        ["CreateCycle"] = """{"name": "2026 mid-year review", "scaleMin": 1, "scaleMax": 5, "anonymityThreshold": 3}""",
        ["CreateAssignment"] = """{"subjectExternalId": "e-1003", "raterExternalId": "e-1002", "relationship": "manager"}""",
        ["CreateWebhook"] = """{"url": "https://hr.example.com/hooks/feedback", "events": ["cycle.closed", "reports.ready"], "description": "HR system: fetch reports when a cycle closes"}""",
        ["RotateWebhookSecret"] = """{"overlapSeconds": 86400}""",
        ["CreateScimUser"] = """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "userName": "e-1005", "displayName": "Dorothy Vaughan", "emails": [{"value": "dorothy.vaughan@example.com", "type": "work", "primary": true}],
             "title": "Engineer", "active": true,
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Engineering"}}
            """,
        ["ReplaceScimUser"] = """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
             "userName": "e-1005", "displayName": "Dorothy Vaughan", "emails": [{"value": "dorothy.vaughan@example.com", "type": "work", "primary": true}],
             "title": "Senior Engineer", "active": true}
            """,
        ["PatchScimUser"] = """
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "operations": [{"op": "replace", "path": "title", "value": "Senior Engineer"}, {"op": "replace", "path": "active", "value": false}]}
            """,
    };

    private static readonly Dictionary<(string Operation, string Status), string> Responses = new()
    {
        [("CreateApiKey", "201")] = """
            {"id": "01936f5e-8a3b-7c2d-9e4f-0a1b2c3d4e5f", "name": "hr-sync", "scopes": ["cycles:write", "people:write", "reports:read"],
             "key": "fbk_7Qm2xV9pL4sT8wZ1cR6yB3nH5jK0dF2gA9eU4iO7", "createdAt": "2026-06-01T09:00:00Z"}
            """,
        [("CreateAssignment", "201")] = """
            {"id": "01936f60-1c2d-7e3f-8a4b-5c6d7e8f9a0b", "cycleId": "01936f5f-0b1c-7d2e-9f3a-4b5c6d7e8f9a",
             "subjectExternalId": "e-1003", "raterExternalId": "e-1002", "relationship": "manager",
             "raterToken": "fbr_Xk3pQ8vN1mZ6tR9wL2cB5yH7jD0sF4gA8eU3iO6",
             "raterUrl": "http://localhost:8080/rate#token=fbr_Xk3pQ8vN1mZ6tR9wL2cB5yH7jD0sF4gA8eU3iO6",
             "createdAt": "2026-06-01T09:05:00Z"}
            """,
        [("SubmitLeadershipSheet", "200")] = """
            {"assignmentId": "01936f60-1c2d-7e3f-8a4b-5c6d7e8f9a0b", "dimension": "leadership", "revision": 1, "submittedAt": "2026-06-03T14:12:09Z"}
            """,
        [("SubmitManagementSheet", "200")] = """
            {"assignmentId": "01936f60-1c2d-7e3f-8a4b-5c6d7e8f9a0b", "dimension": "management", "revision": 2, "submittedAt": "2026-06-03T14:20:41Z"}
            """,
        [("GetMyAssignment", "200")] = """
            {"assignmentId": "01936f60-1c2d-7e3f-8a4b-5c6d7e8f9a0b", "cycleId": "01936f5f-0b1c-7d2e-9f3a-4b5c6d7e8f9a",
             "cycleName": "2026 mid-year review", "cycleStatus": "open", "relationship": "manager",
             "subject": {"externalId": "e-1003", "displayName": "Alan Turing"}, "scaleMin": 1, "scaleMax": 5,
             "behaviors": {
               "leadership": [{"key": "empathy", "name": "Empathy", "description": "Notices how others feel and takes their perspective into account in what they say and decide."}],
               "management": [{"key": "organizing-projects", "name": "Organizing projects", "description": "Breaks work into a plan with scope, milestones and owners, and keeps it current."}]},
             "sheets": {"leadership": {"revision": 1, "submittedAt": "2026-06-03T14:12:09Z"}, "management": null}}
            """,
        [("ReissueRaterToken", "200")] = """
            {"assignmentId": "01936f60-1c2d-7e3f-8a4b-5c6d7e8f9a0b", "raterToken": "fbr_Vb8nK2qL5xW9tR3mZ6cH1yD4sJ7gF0eA2uI5oP8",
             "raterUrl": "http://localhost:8080/rate#token=fbr_Vb8nK2qL5xW9tR3mZ6cH1yD4sJ7gF0eA2uI5oP8"}
            """,
        [("RotateWebhookSecret", "200")] = """
            {"id": "01936f61-2d3e-7f4a-9b5c-6d7e8f9a0b1c", "secret": "whsec_N4kP7qL2xV8tR1mZ5cH9yD3sJ6gF0eA4uI7oW2b",
             "previousSecretExpiresAt": "2026-06-02T09:00:00Z"}
            """,
        [("GetPersonReport", "200")] = """
            {"cycleId": "01936f5f-0b1c-7d2e-9f3a-4b5c6d7e8f9a", "anonymityThreshold": 3, "scaleMin": 1, "scaleMax": 5,
             "subject": {"externalId": "e-1002", "displayName": "Grace Hopper", "department": "Engineering", "isManager": true},
             "responders": {"self": 1, "manager": 1, "peer": 4, "directReport": 3, "other": 0, "others": 8},
             "suppressed": false,
             "others": {
               "leadership": {"score": 3.9, "n": 8, "sd": 0.41, "ci95": [3.56, 4.24], "agreement": 0.92},
               "management": {"score": 3.4, "n": 8, "sd": 0.52, "ci95": [2.97, 3.83], "agreement": 0.86},
               "gap": {"score": 0.5, "n": 8, "sd": 0.3, "ci95": [0.25, 0.75], "significant": true}},
             "self": {"leadership": 4.2, "management": 3.0, "gap": 1.2},
             "selfVsOthers": {"leadership": 0.3, "management": -0.4, "gap": 0.7},
             "groups": [
               {"relationship": "manager", "responders": 1, "suppressed": true, "leadership": null, "management": null, "gap": null},
               {"relationship": "peer", "responders": 4, "suppressed": false,
                "leadership": {"score": 4.0, "n": 4, "sd": 0.35, "ci95": [3.44, 4.56], "agreement": 0.94},
                "management": {"score": 3.3, "n": 4, "sd": 0.5, "ci95": [2.5, 4.1], "agreement": 0.88},
                "gap": {"score": 0.7, "n": 4, "sd": 0.29, "ci95": [0.24, 1.16], "significant": true}},
               {"relationship": "directReport", "responders": 3, "suppressed": false,
                "leadership": {"score": 3.8, "n": 3, "sd": 0.4, "ci95": [2.81, 4.79], "agreement": 0.92},
                "management": {"score": 3.5, "n": 3, "sd": 0.6, "ci95": [2.01, 4.99], "agreement": 0.82},
                "gap": {"score": 0.3, "n": 3, "sd": 0.26, "ci95": [-0.35, 0.95], "significant": false}},
               {"relationship": "other", "responders": 0, "suppressed": true, "leadership": null, "management": null, "gap": null}],
             "behaviors": [
               {"key": "empathy", "dimension": "leadership", "score": 4.1, "n": 8, "sd": 0.6,
                "distribution": {"1": 0, "2": 0, "3": 2, "4": 3, "5": 3}, "self": 4}],
             "behaviorsHidden": [],
             "quadrant": "leaderAndManager",
             "comments": {"leadership": ["Makes time for one-to-ones even in busy weeks."], "management": ["Plans are clear; priorities change often."]}}
            """,
        [("GetGapReport", "200")] = """
            {"cycleId": "01936f5f-0b1c-7d2e-9f3a-4b5c6d7e8f9a",
             "summary": {"subjects": 120, "reportable": 112, "medianLeadership": 3.8, "medianManagement": 3.6, "meanGap": 0.12,
                         "quadrants": {"leaderAndManager": 40, "leaderOnly": 16, "managerOnly": 16, "developing": 40},
                         "managersWhoArentLeaders": 9, "leadersWhoArentManagers": 14},
             "items": [{"externalId": "e-1002", "displayName": "Grace Hopper", "department": "Engineering", "isManager": true,
                        "leadership": 3.9, "management": 3.4, "gap": {"score": 0.5, "n": 7, "ci95": [0.22, 0.78], "significant": true},
                        "quadrant": "leaderAndManager"}],
             "nextCursor": null}
            """,
        [("CreateCycle", "201")] = """
            {"id": "01936f5f-0b1c-7d2e-9f3a-4b5c6d7e8f9a", "name": "2026 mid-year review", "status": "draft",
             "behaviors": ["active-listening", "empathy", "guiding-conversations", "implementing-vision", "building-trust",
                           "organizing-projects", "managing-resources", "directing-workflows"],
             "scaleMin": 1, "scaleMax": 5, "anonymityThreshold": 3, "createdAt": "2026-06-01T09:01:00Z", "openedAt": null, "closedAt": null}
            """,
    };

    private const string GapReportCsv =
        "externalId,displayName,department,isManager,leadership,management,gap,gapCiLow,gapCiHigh,significant,quadrant\r\n"
        + "e-1002,Grace Hopper,Engineering,true,3.9,3.4,0.5,0.22,0.78,true,leaderAndManager\r\n";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var id = operation.OperationId ?? "";
        var request = id switch
        {
            "SubmitLeadershipSheet" => SheetExample(Dimension.Leadership, "Listens first and makes room for every voice in our planning meetings."),
            "SubmitManagementSheet" => SheetExample(Dimension.Management, "Plans are clear; priorities sometimes change without notice."),
            _ => Requests.TryGetValue(id, out var json) ? JsonNode.Parse(json) : null,
        };
        if (request is not null && operation.RequestBody?.Content is { } content)
        {
            foreach (var (mediaType, media) in content)
            {
                if (mediaType.EndsWith("json", StringComparison.Ordinal) && media is OpenApiMediaType m)
                {
                    m.Example = request.DeepClone();
                }
            }
        }

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (Responses.TryGetValue((id, status), out var json) && response.Content is { } responseContent)
            {
                foreach (var (mediaType, media) in responseContent)
                {
                    if (media is OpenApiMediaType m)
                    {
                        m.Example = mediaType.EndsWith("json", StringComparison.Ordinal) ? JsonNode.Parse(json)
                            : mediaType == "text/csv" && id == "GetGapReport" ? JsonValue.Create(GapReportCsv)
                            : m.Example;
                    }
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>A sheet for every behavior of the default catalog's dimension, one of them "not observed" (null).</summary>
    private static JsonNode SheetExample(Dimension dimension, string comment)
    {
        var scores = new JsonObject();
        var points = new int?[] { 4, 5, 3, null, 4 };
        var behaviors = DefaultCatalog.Behaviors.Where(b => b.Dimension == dimension).ToList();
        for (var i = 0; i < behaviors.Count; i++)
        {
            scores[behaviors[i].Key] = dimension == Dimension.Management && i == 1 ? null : points[i % points.Length] is { } p ? JsonValue.Create(p) : null;
        }

        return new JsonObject { ["scores"] = scores, ["comment"] = comment };
    }
}
