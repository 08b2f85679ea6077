namespace Feedback.Api.IntegrationTests.Infrastructure;

/// <summary>The Data Protection key ring of this test run: a temporary directory, deleted at exit.</summary>
public static class TestKeyRing
{
    public static string Directory { get; } = Create();

    private static string Create()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"feedback-keys-{Environment.ProcessId}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(dir, true);
            }
            catch (IOException)
            {
            }
        };
        return dir;
    }
}
