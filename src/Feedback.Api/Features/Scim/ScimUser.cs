using System.Text.Json;
using System.Text.Json.Serialization;

namespace Feedback.Api.Features.Scim;

/// <summary>A SCIM User (RFC 7643 §4.1) with the enterprise extension: one person of <c>/v1/people</c>.</summary>
/// <param name="Schemas">The core User schema and the enterprise extension.</param>
/// <param name="Id">The person's id (a UUID), fixed for life.</param>
/// <param name="ExternalId">The identity provider's id for the person, as it sent it, or absent.</param>
/// <param name="UserName">The person's externalId in <c>/v1/people</c>.</param>
/// <param name="Name">Only <c>formatted</c> (the display name) is kept.</param>
/// <param name="DisplayName">The name shown in reports.</param>
/// <param name="Emails">The one email address kept, as the primary work email; absent when none.</param>
/// <param name="Title">Job title, or absent.</param>
/// <param name="Active">False once deactivated (also after DELETE).</param>
/// <param name="EnterpriseUser">The enterprise extension: department and manager.</param>
/// <param name="Meta">resourceType, created, lastModified, location and version (the ETag).</param>
public sealed record ScimUser(
    string[] Schemas,
    string Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ExternalId,
    string UserName,
    ScimName Name,
    string DisplayName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ScimEmail[]? Emails,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Title,
    bool Active,
    [property: JsonPropertyName(ScimProtocol.EnterpriseUserSchema)] ScimEnterpriseUser EnterpriseUser,
    ScimMeta Meta);

/// <summary>The body of <c>POST /Users</c> and <c>PUT /Users/{id}</c>. Attributes not listed here are ignored.</summary>
/// <param name="Schemas">Should list the User schema; not enforced.</param>
/// <param name="UserName">Required; becomes the person's externalId, so 1-128 characters of A-Z, a-z, 0-9 and . _ @ : -, unique in the organization.</param>
/// <param name="ExternalId">Optional, the identity provider's id for the person (up to 256 characters).</param>
/// <param name="Name">Used for the display name when <c>displayName</c> is absent: <c>formatted</c>, else <c>givenName familyName</c>.</param>
/// <param name="DisplayName">The display name (1-200 characters, from here or from <c>name</c>).</param>
/// <param name="Emails">The primary email, else the first, is kept.</param>
/// <param name="Title">Optional job title.</param>
/// <param name="Active">Defaults to true; the strings "True"/"False" are accepted too.</param>
/// <param name="EnterpriseUser">Optional department and manager (<c>manager.value</c> = the manager's SCIM id).</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)] // RFC 7644: unknown attributes are ignored
public sealed record ScimUserRequest(
    string[]? Schemas = null,
    string? UserName = null,
    string? ExternalId = null,
    ScimName? Name = null,
    string? DisplayName = null,
    ScimEmail[]? Emails = null,
    string? Title = null,
    [property: JsonConverter(typeof(ScimBooleanConverter))] bool? Active = null,
    [property: JsonPropertyName(ScimProtocol.EnterpriseUserSchema)] ScimEnterpriseUser? EnterpriseUser = null);

/// <summary>The components of a user's name.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)] // RFC 7644: unknown attributes are ignored
public sealed record ScimName(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Formatted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GivenName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FamilyName);

/// <summary>An email address.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)] // RFC 7644: unknown attributes are ignored
public sealed record ScimEmail(
    string? Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Primary);

/// <summary>The enterprise User extension (RFC 7643 §4.3), the parts kept: department and manager.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)] // RFC 7644: unknown attributes are ignored
public sealed record ScimEnterpriseUser(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Department,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ScimManager? Manager);

/// <summary>The manager: <c>value</c> is the manager's SCIM id.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)] // RFC 7644: unknown attributes are ignored
public sealed record ScimManager(
    string? Value,
    [property: JsonPropertyName("$ref"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Ref,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DisplayName);

/// <summary>Resource metadata; <c>version</c> equals the <c>ETag</c> header.</summary>
public sealed record ScimMeta(string ResourceType, DateTimeOffset Created, DateTimeOffset LastModified, string Location, string Version);

/// <summary>A page of users (RFC 7644 §3.4.2).</summary>
public sealed record ScimUserList(
    string[] Schemas,
    int TotalResults,
    int StartIndex,
    int ItemsPerPage,
    [property: JsonPropertyName("Resources")] IReadOnlyList<ScimUser> Resources);

/// <summary>A SCIM error body (RFC 7644 §3.12); <c>status</c> is a string.</summary>
public sealed record ScimError(
    string[] Schemas,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ScimType,
    string? Detail);

/// <summary>Booleans as JSON booleans or as the strings "true"/"false" in any case (Entra ID sends "False").</summary>
public sealed class ScimBooleanConverter : JsonConverter<bool?>
{
    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        JsonTokenType.String when bool.TryParse(reader.GetString(), out var value) => value,
        _ => throw new JsonException("active must be true or false."),
    };

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteBooleanValue(value.Value);
        }
    }
}
