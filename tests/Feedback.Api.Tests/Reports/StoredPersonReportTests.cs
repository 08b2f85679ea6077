using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Feedback.Api.Domain;
using Feedback.Api.Domain.Reports;
using Feedback.Api.Features.Reports;
using static Feedback.Api.Tests.Reports.ReportFixtures;

namespace Feedback.Api.Tests.Reports;

/// <summary>Serving a stored person report sets its quadrant in the text: the same JSON as reading and writing the object.</summary>
public sealed class StoredPersonReportTests
{
    // The HTTP JSON options (FeedbackServices), and the same with the relaxed encoder, which escapes quotes as \".
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    private static readonly JsonSerializerOptions Relaxed = new(Json) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions Indented = new(Json) { WriteIndented = true };

    /// <summary>A report as the close stores it (no quadrant), whose subject's name and comments spell the property.</summary>
    private static PersonReport Stored()
    {
        const string Spelled = "\"quadrant\":null";
        RaterInput[] raters = [.. Enumerable.Range(0, 3).Select(_ => new RaterInput(Relationship.Peer, AllL(4), AllM(3), Spelled, "{\"quadrant\":null}"))];
        var cycle = Cycle();
        var f = PersonReportCalculator.Compute(cycle, raters, Key);
        return new PersonReport(Guid.NewGuid(), cycle.AnonymityThreshold, cycle.ScaleMin, cycle.ScaleMax,
            new ReportSubject("e-1", Spelled, null, false), f.Responders, f.Suppressed, f.Others, f.Self, f.SelfVsOthers,
            f.Groups, f.Behaviors, f.BehaviorsHidden, Quadrant: null, f.Comments);
    }

    [Theory]
    [InlineData(Quadrant.LeaderAndManager)]
    [InlineData(Quadrant.Developing)]
    public void GivesTheSameJson_AsWritingTheReportWithItsQuadrant(Quadrant quadrant)
    {
        foreach (var options in new[] { Json, Relaxed })
        {
            var report = Stored();
            var stored = JsonSerializer.Serialize(report, options);

            var served = StoredPersonReport.WithQuadrant(stored, quadrant, options);

            Assert.Equal(JsonSerializer.Serialize(report with { Quadrant = quadrant }, options), served);
            var read = JsonSerializer.Deserialize<PersonReport>(served, options)!;
            Assert.Equal(quadrant, read.Quadrant);
            Assert.Equal("\"quadrant\":null", read.Subject.DisplayName);
            Assert.All(read.Comments!.Leadership, c => Assert.Equal("\"quadrant\":null", c));
        }
    }

    [Fact]
    public void LeavesTheStoredText_WhenTheRowHasNoQuadrant()
    {
        var stored = JsonSerializer.Serialize(Stored(), Json);

        Assert.Same(stored, StoredPersonReport.WithQuadrant(stored, null, Json));
    }

    [Fact]
    public void ReadsAndWritesTheDocument_WhenItIsNotInTheStoredShape()
    {
        var report = Stored();
        var indented = JsonSerializer.Serialize(report, Indented);

        Assert.Equal(JsonSerializer.Serialize(report with { Quadrant = Quadrant.LeaderOnly }, Json),
            StoredPersonReport.WithQuadrant(indented, Quadrant.LeaderOnly, Json));
    }
}
