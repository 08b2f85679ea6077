using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;
using static Feedback.Api.Tests.Reports.ReportFixtures;

namespace Feedback.Api.Tests.Reports;

/// <summary>The figures records are the wire shape of API.md's person report; this pins their JSON names.</summary>
public sealed class PersonReportWireShapeTests
{
    // The same settings FeedbackServices gives the HTTP JSON options.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    [Fact]
    public void Serializes_AsApiMdDescribes()
    {
        RaterInput[] raters = [.. Many(Relationship.DirectReport, 3, 4, 3), new(Relationship.Self, AllL(5), null)];
        var json = JsonSerializer.SerializeToNode(PersonReportCalculator.Compute(Cycle(), raters, Key), Json)!.AsObject();

        Assert.Equal(["responders", "suppressed", "others", "self", "selfVsOthers", "groups", "behaviors", "behaviorsHidden", "comments"], json.Select(p => p.Key));
        Assert.Equal(
            """{"self":0,"manager":0,"peer":0,"directReport":3,"other":0,"others":3}""", // self has one sheet: not a responder
            json["responders"]!.ToJsonString());
        Assert.Equal(["score", "n", "sd", "ci95", "agreement"], json["others"]!["leadership"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["score", "n", "sd", "ci95", "significant"], json["others"]!["gap"]!.AsObject().Select(p => p.Key));
        Assert.Equal(2, json["others"]!["leadership"]!["ci95"]!.AsArray().Count);
        Assert.Equal("""{"leadership":5,"management":null,"gap":null}""", json["self"]!.ToJsonString());
        Assert.Equal("directReport", json["groups"]![2]!["relationship"]!.GetValue<string>());
        Assert.Equal(
            """{"key":"active-listening","dimension":"leadership","score":4,"n":3,"sd":0,"distribution":{"1":0,"2":0,"3":0,"4":3,"5":0},"self":5}""",
            json["behaviors"]![0]!.ToJsonString());
        Assert.Equal("""{"leadership":[],"management":[]}""", json["comments"]!.ToJsonString());
        Assert.Equal("[]", json["behaviorsHidden"]!.ToJsonString());

        var suppressed = JsonSerializer.SerializeToNode(PersonReportCalculator.Compute(Cycle(), [], Key), Json)!;
        Assert.Equal("""["leadership","management"]""", suppressed["behaviorsHidden"]!.ToJsonString());
    }
}
