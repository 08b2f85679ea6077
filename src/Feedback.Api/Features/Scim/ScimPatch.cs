using System.Text.Json;
using System.Text.RegularExpressions;
using Feedback.Api.Features.People;

namespace Feedback.Api.Features.Scim;

/// <summary>
/// Applies PatchOp operations to a user's fields. We keep one value per attribute, so add and replace are the same.
/// Attributes we do not store (name.givenName, phoneNumbers, employeeNumber, other extensions…) are accepted and
/// ignored, as in POST and PUT, because identity providers send them whatever the mapping.
/// </summary>
internal static partial class ScimPatch
{
    private const string CorePrefix = ScimProtocol.UserSchema + ":";

    [GeneratedRegex("""^emails(\[[^\]]*\])?(\.(?<sub>[A-Za-z]+))?$""", RegexOptions.IgnoreCase)]
    private static partial Regex EmailsPath();

    [GeneratedRegex("""^(urn:[^\s]+|[A-Za-z][\w$-]*(\[[^\]]*\])?(\.[A-Za-z][\w$-]*)?)$""")]
    private static partial Regex AttributePath();

    public static ScimUserFields Apply(ScimUserFields user, IEnumerable<ScimPatchOperation> operations)
    {
        foreach (var op in operations)
        {
            var remove = op.Op?.ToLowerInvariant() switch
            {
                "add" or "replace" => false,
                "remove" => true,
                _ => throw ScimException.InvalidSyntax($"op must be add, replace or remove, not '{op.Op}'."),
            };

            if (string.IsNullOrWhiteSpace(op.Path))
            {
                if (remove)
                {
                    throw ScimException.NoTarget("A remove operation needs a path.");
                }

                if (op.Value is not { ValueKind: JsonValueKind.Object } attributes)
                {
                    throw ScimException.InvalidSyntax("Without a path, value must be an object of attributes.");
                }

                foreach (var attribute in attributes.EnumerateObject())
                {
                    user = Set(user, attribute.Name, attribute.Value);
                }
            }
            else
            {
                user = Set(user, op.Path.Trim(), remove ? default : op.Value ?? throw ScimException.InvalidSyntax($"The {op.Op} of {op.Path} needs a value."));
            }
        }

        return user;
    }

    /// <summary>Sets one attribute; an undefined or null <paramref name="value"/> removes it.</summary>
    private static ScimUserFields Set(ScimUserFields user, string path, JsonElement value)
    {
        if (path.StartsWith(CorePrefix, StringComparison.OrdinalIgnoreCase))
        {
            path = path[CorePrefix.Length..];
        }

        if (path.Equals(ScimProtocol.EnterpriseUserSchema, StringComparison.OrdinalIgnoreCase))
        {
            if (!IsPresent(value))
            {
                return user with { Department = null, ManagerValue = null };
            }

            foreach (var attribute in Object(value, path).EnumerateObject())
            {
                user = SetEnterprise(user, attribute.Name, attribute.Value);
            }

            return user;
        }

        if (path.StartsWith(ScimProtocol.EnterpriseUserSchema + ":", StringComparison.OrdinalIgnoreCase))
        {
            return SetEnterprise(user, path[(ScimProtocol.EnterpriseUserSchema.Length + 1)..], value);
        }

        if (EmailsPath().Match(path) is { Success: true } emails)
        {
            return SetEmail(user, emails.Groups["sub"], value);
        }

        switch (path.ToLowerInvariant())
        {
            case "username": return user with { UserName = String(value, path) };
            case "externalid": return user with { ScimExternalId = PersonRules.Optional(String(value, path)) };
            case "displayname": return user with { DisplayName = PersonRules.Optional(String(value, path)) };
            case "title": return user with { Title = PersonRules.Optional(String(value, path)) };
            case "active": return user with { Active = Boolean(value) };
            case "name.formatted":
                return IsPresent(value) ? user with { DisplayName = ScimUserFields.DisplayNameOf(String(value, path), null) ?? user.DisplayName } : user;
            case "name":
                return IsPresent(value)
                    ? user with { DisplayName = ScimUserFields.DisplayNameOf(null, Object(value, path).Deserialize<ScimName>(Json)) ?? user.DisplayName }
                    : user;
        }

        return AttributePath().IsMatch(path) ? user : throw ScimException.InvalidPath($"'{path}' is not an attribute path.");
    }

    private static ScimUserFields SetEnterprise(ScimUserFields user, string attribute, JsonElement value) => attribute.ToLowerInvariant() switch
    {
        "department" => user with { Department = PersonRules.Optional(String(value, attribute)) },
        // Entra sends the manager's id as a bare string; RFC 7643 as {"value": id}.
        "manager" when value.ValueKind == JsonValueKind.Object =>
            user with { ManagerValue = PersonRules.Optional(value.TryGetProperty("value", out var id) ? String(id, "manager.value") : null) },
        "manager" or "manager.value" => user with { ManagerValue = PersonRules.Optional(String(value, attribute)) },
        _ => user,
    };

    private static ScimUserFields SetEmail(ScimUserFields user, Group sub, JsonElement value)
    {
        if (!IsPresent(value))
        {
            return sub.Success && !sub.Value.Equals("value", StringComparison.OrdinalIgnoreCase) ? user : user with { Email = null };
        }

        if (sub.Success)
        {
            return sub.Value.Equals("value", StringComparison.OrdinalIgnoreCase) ? user with { Email = PersonRules.Optional(String(value, "emails.value")) } : user;
        }

        // emails (or one filtered entry) given as objects: keep the primary one, else the first.
        var entries = value.ValueKind == JsonValueKind.Array ? value.Deserialize<ScimEmail?[]>(Json) ?? [] : [Object(value, "emails").Deserialize<ScimEmail>(Json)];
        var email = ScimUserFields.PrimaryEmail(entries);
        return user with { Email = PersonRules.Optional(email?.Value) };
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static bool IsPresent(JsonElement value) => value.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);

    private static string? String(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        _ => throw ScimException.InvalidValue($"{path} must be a string."),
    };

    private static JsonElement Object(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Object ? value : throw ScimException.InvalidValue($"{path} must be an object.");

    private static bool Boolean(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed) => parsed, // Entra sends "False"
        JsonValueKind.Undefined or JsonValueKind.Null => throw ScimException.InvalidValue("active cannot be removed; replace it with false."),
        _ => throw ScimException.InvalidValue("active must be true or false."),
    };
}
