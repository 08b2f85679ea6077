using Feedback.Api.Common;
using Feedback.Api.Common.Auth;
using Feedback.Api.Data;
using Feedback.Api.Domain;
using FluentValidation;
using Mediator;

namespace Feedback.Api.Features.ApiKeys;

/// <param name="Name">A label for people, e.g. the integration that uses the key.</param>
/// <param name="Scopes">Any of admin, people:write, cycles:write, ratings:write, reports:read.</param>
public sealed record CreateApiKeyRequest(string Name, string[] Scopes);

/// <summary>A new API key. <c>key</c> is shown only here.</summary>
public sealed record ApiKeyCreated(Guid Id, string Name, IReadOnlyList<string> Scopes, string Key, DateTimeOffset CreatedAt);

public sealed record CreateApiKeyCommand(Guid OrganizationId, string Name, string[] Scopes) : ICommand<ApiKeyCreated>;

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Scopes).NotEmpty().WithMessage("Give at least one scope.");
        RuleForEach(c => c.Scopes).Must(s => Common.Auth.Scopes.All.Contains(s))
            .WithMessage(c => $"Unknown scope; use any of {string.Join(", ", Common.Auth.Scopes.All)}.");
    }
}

public sealed class CreateApiKeyHandler(FeedbackDbContext db, TimeProvider clock) : ICommandHandler<CreateApiKeyCommand, ApiKeyCreated>
{
    public async ValueTask<ApiKeyCreated> Handle(CreateApiKeyCommand command, CancellationToken cancellationToken)
    {
        var secret = TokenFormat.NewApiKey();
        var key = new ApiKey
        {
            Id = Ids.New(),
            OrganizationId = command.OrganizationId,
            Name = command.Name.Trim(),
            Scopes = command.Scopes.Distinct().Order(StringComparer.Ordinal).ToArray(),
            KeyHash = TokenFormat.Hash(secret),
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new ApiKeyCreated(key.Id, key.Name, key.Scopes, secret, key.CreatedAt);
    }
}
