using System.ComponentModel.DataAnnotations.Schema;
using Feedback.Api.Common.Http;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Feedback.Api.Features.Cycles;

/// <summary>How far a subject's feedback has come, per relationship (counts only, never what anyone answered).</summary>
/// <param name="SubjectExternalId">The subject.</param>
/// <param name="Assigned">Assignments per relationship.</param>
/// <param name="Submitted">Raters who submitted at least one sheet, per relationship.</param>
/// <param name="Responders">Raters whose two sheets are both valid (⌈m/2⌉ of the m behaviors of each dimension scored),
/// per relationship: the raters the report will count. A rater with one valid sheet is submitted but not a responder.</param>
public sealed record SubjectProgress(
    string SubjectExternalId, CountsByRelationship Assigned, CountsByRelationship Submitted, CountsByRelationship Responders);

/// <summary>A count for each relationship.</summary>
public sealed record CountsByRelationship(int Self, int Manager, int Peer, int DirectReport, int Other)
{
    internal static CountsByRelationship From(IEnumerable<(Relationship Relationship, int Count)> counts)
    {
        var c = counts.ToDictionary(x => x.Relationship, x => x.Count);
        return new CountsByRelationship(
            c.GetValueOrDefault(Relationship.Self), c.GetValueOrDefault(Relationship.Manager), c.GetValueOrDefault(Relationship.Peer),
            c.GetValueOrDefault(Relationship.DirectReport), c.GetValueOrDefault(Relationship.Other));
    }
}

public sealed record GetCycleProgressQuery(Guid OrganizationId, Guid CycleId, int? Limit, string? Cursor) : IQuery<Page<SubjectProgress>>;

/// <summary>Subjects in externalId order; counted in one statement over the current sheets (<c>jsonb_each</c>).</summary>
public sealed class GetCycleProgressHandler(FeedbackDbContext db) : IQueryHandler<GetCycleProgressQuery, Page<SubjectProgress>>
{
    public async ValueTask<Page<SubjectProgress>> Handle(GetCycleProgressQuery query, CancellationToken cancellationToken)
    {
        var limit = Cursor.Limit(query.Limit);
        var after = Cursor.Decode(query.Cursor, 1) is [var last] ? last : "";
        var (org, cycle) = (query.OrganizationId, query.CycleId);
        if (!await db.Cycles.AnyAsync(c => c.OrganizationId == org && c.Id == cycle, cancellationToken))
        {
            throw FeedbackCycle.CycleNotFound(cycle);
        }

        // A sheet is valid when at least ceil(m/2) of the cycle's m behaviors of its dimension are scored, i.e.
        // 2 * scored >= m. Submitted = at least one sheet; a responder has both sheets valid (the report counts only
        // them). Only the page's subjects' sheets are read (by the unique (assignment_id, dimension) index), so a page
        // costs the same in any cycle size.
        var rows = await db.Query<ProgressRow>("cycle.progress", $"""
            WITH m AS (
                SELECT dimension, count(*) AS behaviors
                FROM cycle_behaviors
                WHERE organization_id = {org} AND cycle_id = {cycle}
                GROUP BY dimension
            ),
            subjects AS (
                -- Walk people in externalId order (their unique index) and keep those assigned in the cycle.
                SELECT p.id, p.external_id
                FROM people p
                WHERE p.organization_id = {org} AND p.external_id > {after}
                  AND EXISTS (SELECT 1 FROM assignments a WHERE a.cycle_id = {cycle} AND a.subject_id = p.id)
                ORDER BY p.external_id
                LIMIT {limit + 1}
            )
            SELECT su.external_id AS subject_external_id, a.relationship,
                   count(*)::int AS assigned,
                   count(*) FILTER (WHERE x.sheets > 0)::int AS submitted,
                   count(*) FILTER (WHERE x.valid_sheets = 2)::int AS responders
            FROM subjects su
            JOIN assignments a ON a.organization_id = {org} AND a.cycle_id = {cycle} AND a.subject_id = su.id
            CROSS JOIN LATERAL (
                SELECT count(*) AS sheets,
                       count(*) FILTER (WHERE 2 * (SELECT count(*)
                                                   FROM jsonb_each(s.scores) e
                                                   JOIN cycle_behaviors cb
                                                     ON cb.cycle_id = s.cycle_id AND cb.behavior_key = e.key AND cb.dimension = s.dimension
                                                   WHERE jsonb_typeof(e.value) = 'number') >= m.behaviors) AS valid_sheets
                FROM sheets s
                JOIN m ON m.dimension = s.dimension
                WHERE s.organization_id = {org} AND s.assignment_id = a.id
            ) x
            GROUP BY su.external_id, a.relationship
            ORDER BY su.external_id
            """).ToListAsync(cancellationToken);

        var subjects = rows
            .GroupBy(r => r.SubjectExternalId)
            .Select(g => new SubjectProgress(
                g.Key,
                CountsByRelationship.From(g.Select(r => (Enum.Parse<Relationship>(r.Relationship), r.Assigned))),
                CountsByRelationship.From(g.Select(r => (Enum.Parse<Relationship>(r.Relationship), r.Submitted))),
                CountsByRelationship.From(g.Select(r => (Enum.Parse<Relationship>(r.Relationship), r.Responders)))))
            .ToList();
        return Cursor.ToPage(subjects, limit, s => Cursor.Encode(s.SubjectExternalId));
    }

    private sealed record ProgressRow(
        [property: Column("subject_external_id")] string SubjectExternalId,
        [property: Column("relationship")] string Relationship,
        [property: Column("assigned")] int Assigned,
        [property: Column("submitted")] int Submitted,
        [property: Column("responders")] int Responders);
}
