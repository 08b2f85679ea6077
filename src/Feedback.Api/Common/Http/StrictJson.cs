using System.Text.Json;
using System.Text.RegularExpressions;

namespace Feedback.Api.Common.Http;

/// <summary>
/// JSON bodies are strict (API.md, Conventions): the HTTP JSON options refuse members a request type does not have
/// (<c>UnmappedMemberHandling.Disallow</c>), so a misspelled option never falls back silently to a default. This names
/// the offending field from the serializer's exception. SCIM's types opt out with
/// <c>[JsonUnmappedMemberHandling(Skip)]</c>: RFC 7644 says unknown attributes are ignored.
/// </summary>
public static partial class StrictJson
{
    /// <summary>
    /// The field an "unmapped member" exception is about, as the <c>errors</c> key: <c>$.maxPeers</c> → <c>maxPeers</c>,
    /// <c>$.subject.nickname</c> → <c>subject.nickname</c>; the elements of an array body are rows, as in the import
    /// (<c>$[3].nickname</c> → <c>rows[3].nickname</c>). False for any other JSON error.
    /// </summary>
    public static bool TryGetUnknownField(JsonException exception, out string field)
    {
        field = "";
        if (exception.Path is not { Length: > 0 } path || !UnmappedMember().IsMatch(exception.Message))
        {
            return false;
        }

        field = QuotedName().Replace(path.TrimStart('$'), m => "." + m.Groups[1].Value).TrimStart('.');
        if (field.StartsWith('['))
        {
            field = "rows" + field;
        }

        return field.Length > 0;
    }

    /// <summary>The message for an unknown field in <c>errors</c>.</summary>
    public const string UnknownFieldMessage = "Unknown field: this operation has no such field (check its spelling); nothing was changed.";

    // System.Text.Json's message for JsonUnmappedMemberHandling.Disallow; the field itself is taken from the path.
    [GeneratedRegex("^The JSON property '.*' could not be mapped to any .NET member", RegexOptions.Singleline)]
    private static partial Regex UnmappedMember();

    [GeneratedRegex(@"\['((?:[^'\\]|\\.)*)'\]")]
    private static partial Regex QuotedName();
}
