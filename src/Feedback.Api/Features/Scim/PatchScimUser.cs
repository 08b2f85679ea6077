using System.Text.Json;
using System.Text.Json.Serialization;
using Feedback.Api.Data;
using FluentValidation;
using Mediator;

namespace Feedback.Api.Features.Scim;

/// <summary>A SCIM PatchOp (RFC 7644 §3.5.2).</summary>
/// <param name="Schemas">Should be ["urn:ietf:params:scim:api:messages:2.0:PatchOp"]; not enforced.</param>
/// <param name="Operations">Applied in order, all or nothing.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)] // RFC 7644: unknown attributes are ignored
public sealed record ScimPatchRequest(string[]? Schemas = null, IReadOnlyList<ScimPatchOperation>? Operations = null);

/// <summary>One operation.</summary>
/// <param name="Op">add, replace or remove (any case).</param>
/// <param name="Path">An attribute path such as <c>active</c>, <c>name.formatted</c>, <c>emails[type eq "work"].value</c> or
/// <c>urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager</c>; without it, <c>value</c> is an object of attributes.</param>
/// <param name="Value">The new value; not used by remove.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)] // RFC 7644: unknown attributes are ignored
public sealed record ScimPatchOperation(string? Op, string? Path = null, JsonElement? Value = null);

public sealed record PatchScimUserCommand(Guid OrganizationId, Guid Id, IReadOnlyList<ScimPatchOperation> Operations, string? IfMatch)
    : ICommand<ScimUserRow>;

public sealed class PatchScimUserHandler(FeedbackDbContext db, TimeProvider clock, IValidator<ScimUserFields> validator)
    : ICommandHandler<PatchScimUserCommand, ScimUserRow>
{
    public async ValueTask<ScimUserRow> Handle(PatchScimUserCommand command, CancellationToken cancellationToken)
    {
        if (command.Operations.Count == 0)
        {
            throw ScimException.InvalidSyntax("A PatchOp needs at least one operation in Operations.");
        }

        if (command.Operations.Any(o => o is null))
        {
            throw ScimException.InvalidSyntax("Every element of Operations must be an operation object, not null.");
        }

        // Applied to the stored state inside the lock, so concurrent patches of different attributes both land.
        return await ScimUserStore.ChangeAsync(
            db, clock, validator, command.OrganizationId, command.Id, command.IfMatch,
            user => ScimPatch.Apply(user, command.Operations), cancellationToken);
    }
}
