namespace Feedback.Api.Features.Scim;

/// <summary>
/// The discovery resources (RFC 7644 §4): what this service provider supports. Static, the same for every
/// organization, and served without authentication.
/// </summary>
internal static class ScimDiscovery
{
    private const string SchemaSchema = "urn:ietf:params:scim:schemas:core:2.0:Schema";
    private const string ResourceTypeSchema = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

    public static object ServiceProviderConfig(string baseUrl) => new Dictionary<string, object?>
    {
        ["schemas"] = new[] { "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig" },
        ["patch"] = new { supported = true },
        ["bulk"] = new { supported = false, maxOperations = 0, maxPayloadSize = 0 },
        ["filter"] = new { supported = true, maxResults = ListScimUsersQuery.MaxCount },
        ["changePassword"] = new { supported = false },
        ["sort"] = new { supported = false },
        ["etag"] = new { supported = true },
        ["authenticationSchemes"] = new[]
        {
            new
            {
                type = "oauthbearertoken",
                name = "API key",
                description = "Authorization: Bearer <API key with the people:write or admin scope>.",
                primary = true,
            },
        },
        ["meta"] = new { resourceType = "ServiceProviderConfig", location = $"{baseUrl}/ServiceProviderConfig" },
    };

    public static IReadOnlyList<object> ResourceTypes(string baseUrl) =>
    [
        new Dictionary<string, object?>
        {
            ["schemas"] = new[] { ResourceTypeSchema },
            ["id"] = "User",
            ["name"] = "User",
            ["endpoint"] = "/Users",
            ["description"] = "A person in the organization's org chart (the same people as /v1/people).",
            ["schema"] = ScimProtocol.UserSchema,
            ["schemaExtensions"] = new[] { new { schema = ScimProtocol.EnterpriseUserSchema, required = false } },
            ["meta"] = new { resourceType = "ResourceType", location = $"{baseUrl}/ResourceTypes/User" },
        },
    ];

    public static IReadOnlyList<object> Schemas(string baseUrl) =>
    [
        Schema(baseUrl, ScimProtocol.UserSchema, "User", "User Account",
        [
            Attribute("userName", "The person's externalId in /v1/people: 1-128 characters of A-Z, a-z, 0-9 and . _ @ : -.",
                required: true, caseExact: true, uniqueness: "server"),
            Attribute("externalId", "The identity provider's own id for the person.", caseExact: true),
            Attribute("name", "Only used to derive displayName when that is absent; returned as formatted.", type: "complex", sub:
            [
                Attribute("formatted", "The full name."),
                Attribute("givenName", "Given name (not stored)."),
                Attribute("familyName", "Family name (not stored)."),
            ]),
            Attribute("displayName", "The name shown in reports (1-200 characters).", required: true),
            Attribute("emails", "The primary (else first) email is kept.", type: "complex", multiValued: true, sub:
            [
                Attribute("value", "Email address."),
                Attribute("type", "Returned as work."),
                Attribute("primary", "Returned as true.", type: "boolean"),
            ]),
            Attribute("title", "Job title."),
            Attribute("active", "False once deactivated; DELETE sets it to false and keeps the person.", type: "boolean"),
        ]),
        Schema(baseUrl, ScimProtocol.EnterpriseUserSchema, "EnterpriseUser", "Enterprise User",
        [
            Attribute("department", "Department."),
            Attribute("manager", "The person's manager.", type: "complex", sub:
            [
                Attribute("value", "The manager's SCIM id.", caseExact: true),
                Attribute("$ref", "The manager's URI.", type: "reference", mutability: "readOnly"),
                Attribute("displayName", "The manager's displayName.", mutability: "readOnly"),
            ]),
        ]),
    ];

    private static Dictionary<string, object?> Schema(string baseUrl, string id, string name, string description, object[] attributes) => new()
    {
        ["schemas"] = new[] { SchemaSchema },
        ["id"] = id,
        ["name"] = name,
        ["description"] = description,
        ["attributes"] = attributes,
        ["meta"] = new { resourceType = "Schema", location = $"{baseUrl}/Schemas/{id}" },
    };

    private static Dictionary<string, object?> Attribute(
        string name, string description, string type = "string", bool multiValued = false, bool required = false,
        bool caseExact = false, string mutability = "readWrite", string uniqueness = "none", object[]? sub = null)
    {
        var attribute = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["type"] = type,
            ["multiValued"] = multiValued,
            ["description"] = description,
            ["required"] = required,
            ["caseExact"] = caseExact,
            ["mutability"] = mutability,
            ["returned"] = "default",
            ["uniqueness"] = uniqueness,
        };
        if (sub is not null)
        {
            attribute["subAttributes"] = sub;
        }

        return attribute;
    }
}
