using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Feedback.Api.Common.Secrets;

/// <summary>
/// The <c>Feedback:DataProtection</c> section: where ASP.NET Core Data Protection keeps the key ring that encrypts
/// secrets at rest (stored idempotency responses, webhook signing secrets). The key ring lives outside the database on
/// purpose: a dump, backup or replica of the database alone never reveals a secret.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "Feedback:DataProtection";

    /// <summary>A directory every instance shares (a volume, or a Kubernetes secret mount). Required outside Development.</summary>
    public string? KeysDirectory { get; set; }

    /// <summary>Optional PFX: key files are then encrypted with its certificate (old certificates may stay listed in
    /// <see cref="PreviousCertificatePaths"/> to read keys encrypted before a certificate rotation).</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Comma-separated PFX files of earlier certificates (same password), only to decrypt older key files.</summary>
    public string? PreviousCertificatePaths { get; set; }

    /// <summary>false: never create keys, only use those in the directory (a read-only secret mount; create keys with
    /// <c>dotnet Feedback.Api.dll keys new</c>).</summary>
    public bool AutoGenerateKeys { get; set; } = true;

    public IEnumerable<string> PreviousCertificateFiles() =>
        (PreviousCertificatePaths ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public X509Certificate2 LoadCertificate(string path) =>
        X509CertificateLoader.LoadPkcs12FromFile(path, CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);

    /// <summary>Every setting the key ring cannot work with, one line each.</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration, bool isDevelopment)
    {
        var options = configuration.GetSection(Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        if (string.IsNullOrWhiteSpace(options.KeysDirectory))
        {
            if (!isDevelopment)
            {
                yield return "Feedback__DataProtection__KeysDirectory is not set: give a directory outside the database that every "
                    + "instance shares (it holds the keys that encrypt secrets at rest).";
            }
        }
        else if (!options.AutoGenerateKeys && !Directory.Exists(options.KeysDirectory))
        {
            yield return $"Feedback__DataProtection__KeysDirectory '{options.KeysDirectory}' does not exist (with AutoGenerateKeys=false it must hold the keys).";
        }

        foreach (var path in new[] { options.CertificatePath }.Concat(options.PreviousCertificateFiles()))
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                continue;
            }

            string? problem = null;
            try
            {
                using var certificate = options.LoadCertificate(path);
                if (!certificate.HasPrivateKey)
                {
                    problem = $"the certificate '{path}' has no private key.";
                }
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
            {
                problem = $"cannot read the certificate '{path}' (a PFX with its private key; check CertificatePassword).";
            }

            if (problem is not null)
            {
                yield return "Feedback__DataProtection__CertificatePath: " + problem;
            }
        }
    }
}
