using Feedback.Api.Data;
using Npgsql;

namespace Feedback.Api.Tests.Data;

public sealed class DatabaseConnectionsTests
{
    [Fact]
    public void TurnsAutoPrepareOff_AndAddsNoResetOnClose_ToAConnectionStringWithoutThem()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DatabaseConnections.WithServiceDefaults("Host=db;Database=feedback;Username=app"));

        Assert.Equal(0, tuned.MaxAutoPrepare);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal("db", tuned.Host);
        Assert.Equal("feedback", tuned.Database);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=16;No Reset On Close=false;Auto Prepare Min Usages=5")]
    [InlineData("Host=db;MaxAutoPrepare=16;NoResetOnClose=false;AutoPrepareMinUsages=5")]
    [InlineData("Host=db;max auto prepare=16;NO RESET ON CLOSE=false;auto prepare min usages=5")]
    public void KeepsWhatTheConnectionStringSaysItself(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(DatabaseConnections.WithServiceDefaults(connectionString));

        Assert.Equal(16, tuned.MaxAutoPrepare);
        Assert.Equal(5, tuned.AutoPrepareMinUsages);
        Assert.False(tuned.NoResetOnClose);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void LeavesAMissingConnectionStringMissing(string? connectionString) =>
        Assert.Equal(connectionString, DatabaseConnections.WithServiceDefaults(connectionString));
}
