using Feedback.Api.Common;
using Feedback.Api.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Feedback.Api.Features.People.Import;

public sealed record ImportPeopleCommand(Guid OrganizationId, IReadOnlyList<ImportedPerson> Rows) : ICommand<PeopleImported>;

/// <summary>
/// All-or-nothing: checks every row against the file and the stored org chart, then writes the whole file with
/// set-based SQL (binary COPY into a temporary table, one INSERT, one UPDATE) in one transaction.
/// </summary>
public sealed class ImportPeopleHandler(FeedbackDbContext db, TimeProvider clock, ILogger<ImportPeopleHandler> logger)
    : ICommandHandler<ImportPeopleCommand, PeopleImported>
{
    public async ValueTask<PeopleImported> Handle(ImportPeopleCommand command, CancellationToken cancellationToken)
    {
        var rows = command.Rows;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await OrgChart.LockAsync(db, command.OrganizationId, cancellationToken);

        var stored = await db.People.AsNoTracking()
            .Where(p => p.OrganizationId == command.OrganizationId)
            .Select(p => new { p.Id, p.ExternalId, p.ManagerId })
            .ToListAsync(cancellationToken);
        var externalIdOf = stored.ToDictionary(p => p.Id, p => p.ExternalId);
        var storedManagers = stored.ToDictionary(p => p.ExternalId, p => p.ManagerId is { } m ? externalIdOf[m] : null, StringComparer.Ordinal);

        var errors = ImportChecks.Find(rows, storedManagers);
        if (errors.Count > 0)
        {
            var bad = errors.Keys.Select(k => k[..(k.IndexOf(']', StringComparison.Ordinal) + 1)]).Distinct().Count();
            throw new RequestValidationException(errors, $"{bad} of {rows.Count} rows are invalid; nothing was imported.");
        }

        // Ids for everyone in the file: stored people keep theirs, new ones get a UUIDv7 now so managers can be resolved.
        var idOf = stored.ToDictionary(p => p.ExternalId, p => p.Id, StringComparer.Ordinal);
        var isNew = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            if (!idOf.ContainsKey(rows[i].ExternalId!))
            {
                idOf[rows[i].ExternalId!] = Ids.New();
                isNew[i] = true;
            }
        }

        await CopyIntoTempTableAsync(rows, idOf, isNew, cancellationToken);
        var now = clock.GetUtcNow();
        var created = await db.ExecuteAsync("people.import-insert", $"""
            INSERT INTO people (id, organization_id, external_id, display_name, email, manager_id, department, title, active, created_at, updated_at)
            SELECT id, {command.OrganizationId}, external_id, display_name, email, manager_id, department, title, active, {now}, {now}
            FROM people_import WHERE is_new
            """, cancellationToken);
        var updated = await db.ExecuteAsync("people.import-update", $"""
            UPDATE people p
            SET display_name = i.display_name, email = i.email, manager_id = i.manager_id, department = i.department,
                title = i.title, active = i.active, updated_at = {now}
            FROM people_import i
            WHERE p.organization_id = {command.OrganizationId} AND p.id = i.id AND NOT i.is_new
              AND (p.display_name, p.email, p.manager_id, p.department, p.title, p.active)
                  IS DISTINCT FROM (i.display_name, i.email, i.manager_id, i.department, i.title, i.active)
            """, cancellationToken);
        await tx.CommitAsync(cancellationToken);

        logger.LogInformation("Imported {Rows} people into organization {OrganizationId}: {Created} created, {Updated} updated",
            rows.Count, command.OrganizationId, created, updated);
        return new PeopleImported(created, updated, rows.Count - created - updated);
    }

    private async Task CopyIntoTempTableAsync(IReadOnlyList<ImportedPerson> rows, Dictionary<string, Guid> idOf, bool[] isNew, CancellationToken ct)
    {
        // ON COMMIT DROP: the table lives only as long as this transaction, so pooled connections stay clean.
        await db.ExecuteAsync("people.import-staging-table", $"""
            CREATE TEMPORARY TABLE people_import (
                id uuid NOT NULL, external_id text NOT NULL, display_name text NOT NULL, email text, manager_id uuid,
                department text, title text, active boolean NOT NULL, is_new boolean NOT NULL
            ) ON COMMIT DROP
            """, ct);

        await db.CopyAsync("people.import-copy",
            "COPY people_import (id, external_id, display_name, email, manager_id, department, title, active, is_new) FROM STDIN (FORMAT BINARY)",
            async (copy, ct) =>
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    var row = rows[i];
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(idOf[row.ExternalId!], NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(row.ExternalId!, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(row.DisplayName!, NpgsqlDbType.Text, ct);
                    await WriteNullableAsync(copy, row.Email, ct);
                    if (row.ManagerExternalId is { } manager)
                    {
                        await copy.WriteAsync(idOf[manager], NpgsqlDbType.Uuid, ct);
                    }
                    else
                    {
                        await copy.WriteNullAsync(ct);
                    }

                    await WriteNullableAsync(copy, row.Department, ct);
                    await WriteNullableAsync(copy, row.Title, ct);
                    await copy.WriteAsync(row.Active, NpgsqlDbType.Boolean, ct);
                    await copy.WriteAsync(isNew[i], NpgsqlDbType.Boolean, ct);
                }
            }, ct);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, NpgsqlDbType.Text, ct);
}
