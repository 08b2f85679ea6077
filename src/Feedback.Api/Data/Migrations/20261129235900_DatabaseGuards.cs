using Feedback.Api.Data.Sql;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Feedback.Api.Data.Migrations
{
    /// <summary>
    /// Hand-written: the triggers that make invalid sheets unrepresentable (open cycle, exact keys, scale, history).
    /// Kept apart from the generated InitialCreate so regenerating that never drops them; changes no model.
    /// </summary>
    [DbContext(typeof(FeedbackDbContext))]
    [Migration("20261129235900_DatabaseGuards")]
    public partial class DatabaseGuards : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(SheetTriggers.Create);

        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(SheetTriggers.Drop);
    }
}
