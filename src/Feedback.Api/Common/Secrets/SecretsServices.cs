using Microsoft.AspNetCore.DataProtection;

namespace Feedback.Api.Common.Secrets;

public static class SecretsServices
{
    /// <summary>
    /// Data Protection with one application name (so every instance, wherever it runs from, reads the others' ciphertexts),
    /// the key ring in the configured directory and, when configured, key files encrypted with a certificate.
    /// </summary>
    public static IServiceCollection AddSecretsAtRest(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var builder = services.AddDataProtection().SetApplicationName("Feedback");
        if (!string.IsNullOrWhiteSpace(options.KeysDirectory))
        {
            builder.PersistKeysToFileSystem(new DirectoryInfo(options.KeysDirectory));
        }

        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            var current = options.LoadCertificate(options.CertificatePath);
            builder.ProtectKeysWithCertificate(current);
            // On Linux there is no certificate store to find the certificate in: name every one that may decrypt.
            builder.UnprotectKeysWithAnyCertificate([current, .. options.PreviousCertificateFiles().Select(options.LoadCertificate)]);
        }

        if (!options.AutoGenerateKeys)
        {
            builder.DisableAutomaticKeyGeneration();
        }

        services.AddSingleton<SecretProtector>();
        return services;
    }
}
