using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Feedback.Api.Common.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Feedback.Api.Tests.Secrets;

public sealed class KeyRingTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("feedback-keyring-test-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    private string Keys => Path.Combine(dir, "keys");

    private static SecretProtector Protector(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSecretsAtRest(configuration).BuildServiceProvider().GetRequiredService<SecretProtector>();
    }

    [Fact]
    public void TheKeyRingIsTheDirectory_AnotherInstanceOverItDecrypts_AnotherRingDoesNot()
    {
        var first = Protector(new() { ["Feedback:DataProtection:KeysDirectory"] = Keys });
        var stored = first.ProtectWebhookSecret("whsec_example-secret");

        Assert.NotEmpty(Directory.GetFiles(Keys, "key-*.xml"));
        Assert.Equal("whsec_example-secret", Protector(new() { ["Feedback:DataProtection:KeysDirectory"] = Keys }).UnprotectWebhookSecret(stored));
        Assert.ThrowsAny<CryptographicException>(() =>
            Protector(new() { ["Feedback:DataProtection:KeysDirectory"] = Path.Combine(dir, "other") }).UnprotectWebhookSecret(stored));
    }

    [Fact]
    public void PurposesDoNotMix_AStoredResponseIsNoWebhookSecret()
    {
        var protector = Protector(new() { ["Feedback:DataProtection:KeysDirectory"] = Keys });
        var response = protector.ProtectResponse("{\"key\":\"fbk_x\"}"u8.ToArray());
        Assert.ThrowsAny<CryptographicException>(() => protector.UnprotectWebhookSecret(response));
    }

    [Fact]
    public void WithACertificate_KeyFilesHoldNoClearKey_AndAnOldCertificateStillReadsOldKeys()
    {
        var (certA, certB) = (Pfx("a"), Pfx("b"));
        var withA = Protector(new()
        {
            ["Feedback:DataProtection:KeysDirectory"] = Keys,
            ["Feedback:DataProtection:CertificatePath"] = certA,
            ["Feedback:DataProtection:CertificatePassword"] = "pw",
        });
        var stored = withA.ProtectWebhookSecret("whsec_under-certificate-a");

        var xml = File.ReadAllText(Assert.Single(Directory.GetFiles(Keys, "key-*.xml")));
        Assert.Contains("<encryptedSecret", xml);
        Assert.DoesNotContain("<value>", xml); // an unprotected key file holds the key as <masterKey><value>base64</value>
        Assert.DoesNotContain("unencrypted form", xml);

        // Certificate rotation: B encrypts new key files, A (listed as previous) still decrypts the old ones.
        var withB = Protector(new()
        {
            ["Feedback:DataProtection:KeysDirectory"] = Keys,
            ["Feedback:DataProtection:CertificatePath"] = certB,
            ["Feedback:DataProtection:CertificatePassword"] = "pw",
            ["Feedback:DataProtection:PreviousCertificatePaths"] = certA,
        });
        Assert.Equal("whsec_under-certificate-a", withB.UnprotectWebhookSecret(stored));
    }

    [Fact]
    public void KeysNew_AddsAKey_ThatAReadOnlyRingUses()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Feedback:DataProtection:KeysDirectory"] = Keys,
        }).Build();

        Assert.Equal(0, KeyRingTool.Run(["keys", "new"], configuration));

        var readOnly = Protector(new() { ["Feedback:DataProtection:KeysDirectory"] = Keys, ["Feedback:DataProtection:AutoGenerateKeys"] = "false" });
        Assert.Equal("whsec_x", readOnly.UnprotectWebhookSecret(readOnly.ProtectWebhookSecret("whsec_x")));
        Assert.Single(Directory.GetFiles(Keys, "key-*.xml")); // it made none of its own
    }

    [Fact]
    public void Problems_NameAMissingDirectoryOutsideDevelopment_AndAnUnreadableCertificate()
    {
        Assert.Single(KeyRingOptions.Problems(new ConfigurationBuilder().Build(), isDevelopment: false));
        Assert.Empty(KeyRingOptions.Problems(new ConfigurationBuilder().Build(), isDevelopment: true));
        var badCertificate = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Feedback:DataProtection:KeysDirectory"] = Keys,
            ["Feedback:DataProtection:CertificatePath"] = Path.Combine(dir, "missing.pfx"),
        }).Build();
        Assert.Contains("CertificatePath", Assert.Single(KeyRingOptions.Problems(badCertificate, isDevelopment: false)));
    }

    private string Pfx(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=feedback-keyring-{name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(dir, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pw"));
        return path;
    }
}
