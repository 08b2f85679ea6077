using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Feedback.Api.Features.Reports;

/// <summary>
/// The gap report's rows: LINQ over <see cref="SubjectReport"/>, read by name, without tracking. Every sort reads one
/// index in its own order (<c>SubjectReportConfiguration</c>), a page starting at its cursor (keyset), so a page costs
/// the same at any depth and in any cycle size. Nulls last: the subjects with a value come first (one query), those
/// without after them (a second query, run only when the first did not fill the page; reportable subjects always
/// have leadership and management, so only the gap can be null).
/// </summary>
internal static class GapReportRows
{
    /// <summary>One page: up to <paramref name="take"/> rows after <paramref name="after"/>.</summary>
    public static async Task<List<GapReportItem>> PageAsync(
        FeedbackDbContext db, Guid organizationId, Guid cycleId, GapReportCriteria criteria, GapCursor? after, int take, CancellationToken ct)
    {
        var rows = Filtered(db, organizationId, cycleId, criteria);
        var sort = criteria.Sort;
        var page = new List<GapReportItem>(take);
        if (after is null || after.Value is not null)
        {
            page.AddRange(await Items(sort.WithValue(rows, after)).Take(take).TagWith(PreparedStatements.GapReportPage).ToListAsync(ct));
        }

        if (page.Count < take && sort.Number is not null)
        {
            page.AddRange(await Items(sort.WithoutValue(rows, after)).Take(take - page.Count).TagWith(PreparedStatements.GapReportPage).ToListAsync(ct));
        }

        return page;
    }

    /// <summary>Every filtered row in sort order, streamed while the caller reads (the CSV export).</summary>
    public static async IAsyncEnumerable<GapReportItem> AllAsync(
        FeedbackDbContext db, Guid organizationId, Guid cycleId, GapReportCriteria criteria, [EnumeratorCancellation] CancellationToken ct)
    {
        var rows = Filtered(db, organizationId, cycleId, criteria);
        await foreach (var item in Items(criteria.Sort.WithValue(rows, null)).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return item;
        }

        if (criteria.Sort.Number is not null)
        {
            await foreach (var item in Items(criteria.Sort.WithoutValue(rows, null)).AsAsyncEnumerable().WithCancellation(ct))
            {
                yield return item;
            }
        }
    }

    private static IQueryable<SubjectReport> Filtered(FeedbackDbContext db, Guid organizationId, Guid cycleId, GapReportCriteria criteria)
    {
        var rows = db.SubjectReports.AsNoTracking().Where(r => r.CycleId == cycleId && r.OrganizationId == organizationId && r.Reportable);
        if (criteria.Department is { } department)
        {
            rows = rows.Where(r => r.Department == department);
        }

        if (criteria.IsManager is { } isManager)
        {
            rows = rows.Where(r => r.IsManager == isManager);
        }

        if (criteria.Quadrant is { } quadrant)
        {
            rows = rows.Where(r => r.Quadrant == quadrant);
        }

        return rows;
    }

    // Reportable rows always have leadership, management and a quadrant (a check constraint says so).
    private static IQueryable<GapReportItem> Items(IQueryable<SubjectReport> rows) => rows.Select(r => new GapReportItem(
        r.ExternalId,
        r.DisplayName,
        r.Department,
        r.IsManager,
        r.Leadership!.Value,
        r.Management!.Value,
        r.GapScore == null
            ? null
            : new GapReportGap(r.GapScore.Value, r.GapN!.Value,
                r.GapCiLow == null || r.GapCiHigh == null ? null : new[] { r.GapCiLow.Value, r.GapCiHigh.Value },
                r.GapSignificant!.Value),
        r.Quadrant!.Value));
}

/// <summary>The keyset queries of one sort: the rows with a value after a cursor, and the rows without one.</summary>
internal static class GapSortQueries
{
    /// <summary>Rows with a sort value (all rows for the name sort), after the cursor, by value then externalId.</summary>
    public static IQueryable<SubjectReport> WithValue(this GapSort sort, IQueryable<SubjectReport> rows, GapCursor? after)
    {
        if (sort.Number is not { } column)
        {
            if (after is { Value: string name })
            {
                var id = after.ExternalId;
                rows = rows.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.DisplayName, r.ExternalId), ValueTuple.Create(name, id)));
            }

            return rows.OrderBy(r => r.DisplayName).ThenBy(r => r.ExternalId);
        }

        rows = rows.Where(On(column, (value, _) => value != null));
        if (after is { Value: double v })
        {
            var id = after.ExternalId;
            rows = rows.Where(sort.Descending
                // col <= v bounds the index scan; the rest picks the rows after the cursor among equal values.
                ? On(column, (value, externalId) => value <= v && (value < v || string.Compare(externalId, id) > 0))
                : On(column, (value, externalId) => EF.Functions.GreaterThan(ValueTuple.Create(value, externalId), ValueTuple.Create((double?)v, id))));
        }

        var ordered = sort.Descending ? rows.OrderByDescending(column) : rows.OrderBy(column);
        return ordered.ThenBy(r => r.ExternalId);
    }

    /// <summary>Rows without a sort value, by externalId (after the cursor when it is among them).</summary>
    public static IQueryable<SubjectReport> WithoutValue(this GapSort sort, IQueryable<SubjectReport> rows, GapCursor? after)
    {
        var column = sort.Number ?? throw new InvalidOperationException($"Sort {sort.Name} has no null values.");
        rows = rows.Where(On(column, (value, _) => value == null));
        if (after is { Value: null })
        {
            var id = after.ExternalId;
            rows = rows.Where(r => string.Compare(r.ExternalId, id) > 0);
        }

        return rows.OrderBy(r => r.ExternalId);
    }

    /// <summary>A predicate on (the sort column, externalId) as a predicate on the row.</summary>
    private static Expression<Func<SubjectReport, bool>> On(
        Expression<Func<SubjectReport, double?>> column, Expression<Func<double?, string, bool>> predicate)
    {
        var row = column.Parameters[0];
        var body = ReplacingExpressionVisitor.Replace(predicate.Parameters[0], column.Body, predicate.Body);
        body = ReplacingExpressionVisitor.Replace(predicate.Parameters[1], Expression.Property(row, nameof(SubjectReport.ExternalId)), body);
        return Expression.Lambda<Func<SubjectReport, bool>>(body, row);
    }
}
