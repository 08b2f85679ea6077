using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Feedback.Api.Common.Secrets;

/// <summary>
/// <c>dotnet Feedback.Api.dll keys new</c>: adds a key to the configured key ring and exits. For key rings the service
/// may not write (a Kubernetes secret mounted read-only, <c>Feedback__DataProtection__AutoGenerateKeys=false</c>):
/// make the key, then update the secret. The first key of a ring is active at once; a later one from
/// <c>--activate-in</c> days (default 2), so every instance has it before it is used.
/// </summary>
public static class KeyRingTool
{
    public static bool IsCommand(string[] args) => args is ["keys", ..];

    public static int Run(string[] args, IConfiguration configuration)
    {
        if (args is not ["keys", "new", .. var rest])
        {
            Console.Error.WriteLine("feedback: usage: dotnet Feedback.Api.dll keys new [--activate-in <days>] [--lifetime <days>]");
            return 2;
        }

        var activateIn = Option(rest, "--activate-in", 2);
        var lifetime = Option(rest, "--lifetime", 90);
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        if (string.IsNullOrWhiteSpace(options.KeysDirectory))
        {
            Console.Error.WriteLine("feedback: set Feedback__DataProtection__KeysDirectory to the directory of the key ring.");
            return 1;
        }

        Directory.CreateDirectory(options.KeysDirectory);
        var services = new ServiceCollection().AddLogging().AddSecretsAtRest(configuration);
        using var provider = services.BuildServiceProvider();
        var keys = provider.GetRequiredService<IKeyManager>();
        var now = DateTimeOffset.UtcNow;
        var activation = keys.GetAllKeys().Any(k => !k.IsRevoked && k.ExpirationDate > now) ? now.AddDays(activateIn) : now;
        var key = keys.CreateNewKey(activation, activation.AddDays(lifetime));
        Console.WriteLine($"feedback: created key {key.KeyId} in {options.KeysDirectory}, active from {key.ActivationDate:u} to {key.ExpirationDate:u}");
        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) && value >= 0 ? value : fallback;
    }
}
