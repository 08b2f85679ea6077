using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Feedback.Api.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the app (no database needed to add a migration).</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<FeedbackDbContext>
{
    public FeedbackDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<FeedbackDbContext>()
            .UseNpgsql(Environment.GetEnvironmentVariable("ConnectionStrings__Feedback") ?? "Host=localhost;Database=feedback")
            .UseSnakeCaseNamingConvention()
            .Options);
}
