using System.Diagnostics;
using Npgsql;

namespace Feedback.Api.IntegrationTests.ScaleOut;

/// <summary>SIGTERM (a rollout, a scale-down) lets requests already running finish before the process exits.</summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task OnSigterm_ARequestInFlightFinishes_BeforeTheProcessExits()
    {
        var database = await TestDatabase.ConnectionStringAsync();
        var adminKey = "fbk_shutdown-" + Guid.NewGuid().ToString("N");
        await using var api = await ApiProcess.StartAsync(database, new()
        {
            ["Feedback__Bootstrap__AdminApiKey"] = adminKey,
            ["Feedback__Bootstrap__OrganizationName"] = "Shutdown " + Guid.NewGuid().ToString("N")[..8],
        });
        var admin = api.Client(adminKey);
        var cycle = await (await admin.PostAsJsonAsync("/v1/cycles", new { name = "closing while stopping" })).Content.ReadFromJsonAsync<JsonElement>();
        var cycleId = cycle.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/v1/cycles/{cycleId}/open", null)).StatusCode);

        // Hold the cycle's row so the close is still running when the signal comes.
        await using var holder = new NpgsqlConnection(database);
        await holder.OpenAsync();
        var hold = await holder.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM cycles WHERE id = '{cycleId}' FOR UPDATE", holder, hold))
        {
            await lockRow.ExecuteNonQueryAsync();
        }

        var close = admin.PostAsync($"/v1/cycles/{cycleId}/close", null);
        await LockProbe.WaitUntilBlockedAsync(database, "%FROM cycles%FOR%UPDATE%");

        await api.TerminateAsync();
        var stopping = Stopwatch.StartNew();
        await Task.Delay(1500);
        Assert.False(api.HasExited, "the process exited with a request still running");
        Assert.False(close.IsCompleted, "the in-flight request was cut off");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => api.Client(adminKey).GetAsync("/v1/cycles")); // no new requests

        await hold.CommitAsync(); // the close can go on
        var closed = await close;
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("closed", (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.True(await api.WaitForExitAsync(TimeSpan.FromSeconds(20)), "the process did not exit after its last request");
        Assert.Equal(0, api.ExitCode);
        Console.WriteLine($"graceful shutdown: exited {stopping.Elapsed.TotalSeconds:0.0} s after SIGTERM, its in-flight close answered 200");
    }

    [Fact]
    public async Task ARequestStuckPastTheShutdownTimeout_DoesNotHoldTheProcess_AndLeavesNothingHalfWritten()
    {
        var database = await TestDatabase.ConnectionStringAsync();
        var adminKey = "fbk_shutdown-" + Guid.NewGuid().ToString("N");
        await using var api = await ApiProcess.StartAsync(database, new()
        {
            ["Feedback__Bootstrap__AdminApiKey"] = adminKey,
            ["Feedback__Bootstrap__OrganizationName"] = "Shutdown " + Guid.NewGuid().ToString("N")[..8],
            ["ASPNETCORE_SHUTDOWNTIMEOUTSECONDS"] = "3", // what deploy/k8s/configmap.yaml sets (to 30)
        });
        var admin = api.Client(adminKey);
        var cycleId = (await (await admin.PostAsJsonAsync("/v1/cycles", new { name = "stuck" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/v1/cycles/{cycleId}/open", null)).StatusCode);

        await using var holder = new NpgsqlConnection(database);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM cycles WHERE id = '{cycleId}' FOR UPDATE", holder, hold))
        {
            await lockRow.ExecuteNonQueryAsync();
        }

        var close = admin.PostAsync($"/v1/cycles/{cycleId}/close", null);
        await LockProbe.WaitUntilBlockedAsync(database, "%FROM cycles%FOR%UPDATE%");
        await api.TerminateAsync();
        var stopping = Stopwatch.StartNew();
        Assert.True(await api.WaitForExitAsync(TimeSpan.FromSeconds(20)), "the shutdown timeout did not bound the stop");
        Console.WriteLine($"shutdown timeout 3 s: exited {stopping.Elapsed.TotalSeconds:0.0} s after SIGTERM with a request still blocked");
        Assert.True(stopping.Elapsed >= TimeSpan.FromSeconds(2.5), $"exited after {stopping.Elapsed}: it did not wait for the request");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => close); // the client sees the connection end, not a 200

        await hold.RollbackAsync();
        await using var check = new NpgsqlCommand($"SELECT status FROM cycles WHERE id = '{cycleId}'", holder);
        Assert.Equal("Open", await check.ExecuteScalarAsync()); // the close never committed halfway
    }
}
