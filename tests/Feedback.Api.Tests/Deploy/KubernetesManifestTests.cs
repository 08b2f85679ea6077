using System.Text.RegularExpressions;
using static Feedback.Api.Tests.Deploy.KubernetesManifests;

namespace Feedback.Api.Tests.Deploy;

/// <summary>
/// deploy/k8s must stay a working, hardened deployment: these are the invariants a reviewer would check by hand,
/// checked on every build (no cluster needed).
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private readonly KubernetesManifests manifests = Load();

    private YamlDotNet.RepresentationModel.YamlMappingNode Api => manifests.Named("Deployment", "feedback-api");
    private YamlDotNet.RepresentationModel.YamlMappingNode ApiContainer => Assert.Single(Items(Api, "spec", "template", "spec", "containers"));
    private YamlDotNet.RepresentationModel.YamlMappingNode Job => manifests.Named("Job", "feedback-migrate");
    private YamlDotNet.RepresentationModel.YamlMappingNode Database => manifests.Single("Cluster");

    [Fact]
    public void EveryDocument_HasApiVersionKindAndName_AndKustomizeAppliesEveryManifestButTheExampleSecret()
    {
        Assert.All(manifests.Documents, d =>
        {
            Assert.False(string.IsNullOrEmpty(Text(d.Root, "apiVersion")), d.File);
            Assert.False(string.IsNullOrEmpty(Text(d.Root, "kind")), d.File);
            if (Text(d.Root, "kind") != "Kustomization")
            {
                Assert.False(string.IsNullOrEmpty(Text(d.Root, "metadata", "name")), d.File);
            }
        });
        var listed = ((YamlDotNet.RepresentationModel.YamlSequenceNode)Node(manifests.Single("Kustomization"), "resources")!)
            .Children.Select(c => ((YamlDotNet.RepresentationModel.YamlScalarNode)c).Value!).Order().ToArray();
        var files = manifests.Documents.Select(d => d.File).Distinct()
            .Where(f => f != "kustomization.yaml" && !f.EndsWith(".example.yaml", StringComparison.Ordinal)).Order().ToArray();
        Assert.Equal(files, listed);
        foreach (var kind in new[] { "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Job", "ConfigMap", "Cluster", "ScheduledBackup", "ObjectStore" })
        {
            Assert.NotEmpty(manifests.OfKind(kind));
        }
    }

    [Fact]
    public void TheApi_IsProbedOnLiveAndReady_NamedPortsExist()
    {
        var ports = Items(ApiContainer, "ports").Select(p => Text(p, "name")).ToHashSet();
        Assert.Equal("/health/ready", Text(ApiContainer, "readinessProbe", "httpGet", "path"));
        Assert.Equal("/health/live", Text(ApiContainer, "livenessProbe", "httpGet", "path"));
        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
        {
            Assert.Contains(Text(ApiContainer, probe, "httpGet", "port"), ports);
        }

        // Liveness must not depend on the database: a database outage would otherwise restart every pod.
        Assert.NotEqual(Text(ApiContainer, "livenessProbe", "httpGet", "path"), Text(ApiContainer, "readinessProbe", "httpGet", "path"));
    }

    [Fact]
    public void ThePodsRunAsNonRoot_OnAReadOnlyRootFilesystem_WithAnEmptyDirForTmp_AndResources()
    {
        foreach (var (pod, container) in new[] { (Map(Api, "spec", "template", "spec"), ApiContainer), (Map(Job, "spec", "template", "spec"), Assert.Single(Items(Job, "spec", "template", "spec", "containers"))) })
        {
            Assert.Equal("true", Text(pod, "securityContext", "runAsNonRoot"));
            Assert.NotEqual("0", Text(pod, "securityContext", "runAsUser"));
            Assert.Equal("false", Text(pod, "automountServiceAccountToken"));
            Assert.Equal("true", Text(container, "securityContext", "readOnlyRootFilesystem"));
            Assert.Equal("false", Text(container, "securityContext", "allowPrivilegeEscalation"));
            Assert.Contains("ALL", ((YamlDotNet.RepresentationModel.YamlSequenceNode)Node(container, "securityContext", "capabilities", "drop")!).Children.Select(c => c.ToString()));

            var tmp = Assert.Single(Items(container, "volumeMounts"), m => Text(m, "mountPath") == "/tmp");
            var volume = Assert.Single(Items(pod, "volumes"), v => Text(v, "name") == Text(tmp, "name"));
            Assert.NotNull(Node(volume, "emptyDir"));

            Assert.NotNull(Text(container, "resources", "requests", "cpu"));
            Assert.NotNull(Text(container, "resources", "requests", "memory"));
            Assert.NotNull(Text(container, "resources", "limits", "memory"));
            Assert.DoesNotMatch("(:latest)$", Text(container, "image")!);
        }
    }

    [Fact]
    public void ShutdownFitsTheGracePeriod_AndMigrationsAreNotRunByTheReplicas()
    {
        var config = Map(manifests.Named("ConfigMap", "feedback-api"), "data");
        var shutdown = int.Parse(Text(config, "ASPNETCORE_SHUTDOWNTIMEOUTSECONDS")!, System.Globalization.CultureInfo.InvariantCulture);
        var preStop = int.Parse(Text(ApiContainer, "lifecycle", "preStop", "sleep", "seconds")!, System.Globalization.CultureInfo.InvariantCulture);
        var grace = int.Parse(Text(Api, "spec", "template", "spec", "terminationGracePeriodSeconds")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(grace > preStop + shutdown, $"terminationGracePeriodSeconds {grace} must exceed preStop {preStop} + shutdown timeout {shutdown}");
        Assert.Equal("false", Text(config, "Feedback__MigrateOnStartup"));
        Assert.NotEqual("true", Env(ApiContainer, "Feedback__MigrateOnStartup"));
        Assert.Equal("0", Text(Api, "spec", "strategy", "rollingUpdate", "maxUnavailable"));
    }

    [Fact]
    public void TheConnectionStrings_AreTheDatabaseClustersRwAndRoServices_WithThePasswordFromItsAppSecret()
    {
        var cluster = Text(Database, "metadata", "name");
        var owner = Text(Database, "spec", "bootstrap", "initdb", "owner");
        var database = Text(Database, "spec", "bootstrap", "initdb", "database");
        Assert.True(int.Parse(Text(Database, "spec", "instances")!, System.Globalization.CultureInfo.InvariantCulture) >= 2, "no replica");

        foreach (var container in new[] { ApiContainer, Assert.Single(Items(Job, "spec", "template", "spec", "containers")) })
        {
            var primary = Env(container, "ConnectionStrings__Feedback")!;
            Assert.Contains($"Host={cluster}-rw;", primary);
            Assert.Contains($"Database={database};", primary);
            Assert.Contains($"Username={owner};", primary);
            foreach (Match reference in VariableReference().Matches(primary))
            {
                var source = Assert.Single(Items(container, "env"), e => Text(e, "name") == reference.Groups[1].Value);
                Assert.Equal($"{cluster}-app", Text(source, "valueFrom", "secretKeyRef", "name"));
                // Kubernetes only expands $(VAR) from variables defined before it in the list.
                var names = Items(container, "env").Select(e => Text(e, "name")).ToList();
                Assert.True(names.IndexOf(reference.Groups[1].Value) < names.IndexOf("ConnectionStrings__Feedback"));
            }
        }

        var replica = Env(ApiContainer, "ConnectionStrings__FeedbackReadOnly")!;
        Assert.Contains($"Host={cluster}-ro;", replica);
        Assert.Null(Env(Assert.Single(Items(Job, "spec", "template", "spec", "containers")), "ConnectionStrings__FeedbackReadOnly"));

        // No credential is written into the manifests that kustomize applies.
        foreach (var (file, root) in manifests.Documents.Where(d => !d.File.EndsWith(".example.yaml", StringComparison.Ordinal)))
        {
            Assert.NotEqual("Secret", Text(root, "kind"));
            var text = File.ReadAllText(Path.Combine(manifests.Folder, file));
            Assert.DoesNotMatch(@"Password=(?!\$\()", text);
            Assert.DoesNotContain("fbk_", text);
        }

        Assert.Contains(Items(ApiContainer, "envFrom"), e => Text(e, "configMapRef", "name") == "feedback-api");
    }

    [Fact]
    public void TheServices_HpaAndPdb_SelectTheApiPods_AndMetricsStayOffThePublicService()
    {
        var podLabels = Labels(Api, "spec", "template", "metadata", "labels");
        var containerPorts = Items(ApiContainer, "ports").ToDictionary(p => Text(p, "name")!, p => Text(p, "containerPort"));
        foreach (var service in manifests.OfKind("Service"))
        {
            Assert.All(Labels(service, "spec", "selector"), l => Assert.Equal(l.Value, podLabels.GetValueOrDefault(l.Key)));
            Assert.All(Items(service, "spec", "ports"), p => Assert.Contains(Text(p, "targetPort")!, containerPorts.Keys));
        }

        var metricsPort = Text(Map(manifests.Named("ConfigMap", "feedback-api"), "data"), "Feedback__Metrics__Port");
        Assert.Equal(metricsPort, containerPorts["metrics"]);
        Assert.DoesNotContain(Items(manifests.Named("Service", "feedback-api"), "spec", "ports"), p => Text(p, "targetPort") == "metrics");
        Assert.Contains(Items(manifests.Named("Service", "feedback-api-metrics"), "spec", "ports"), p => Text(p, "targetPort") == "metrics");

        var hpa = manifests.Single("HorizontalPodAutoscaler");
        Assert.Equal(("Deployment", "feedback-api"), (Text(hpa, "spec", "scaleTargetRef", "kind"), Text(hpa, "spec", "scaleTargetRef", "name")));
        var min = int.Parse(Text(hpa, "spec", "minReplicas")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(min >= 2 && int.Parse(Text(hpa, "spec", "maxReplicas")!, System.Globalization.CultureInfo.InvariantCulture) > min);
        Assert.NotEmpty(Items(hpa, "spec", "metrics"));
        Assert.Null(Node(Api, "spec", "replicas")); // the HPA owns the count; a fixed one would fight it on every apply

        var pdb = manifests.Single("PodDisruptionBudget");
        Assert.All(Labels(pdb, "spec", "selector", "matchLabels"), l => Assert.Equal(l.Value, podLabels.GetValueOrDefault(l.Key)));
        Assert.True(int.Parse(Text(pdb, "spec", "minAvailable")!, System.Globalization.CultureInfo.InvariantCulture) < min, "a PDB as large as the minimum blocks every drain");
    }

    [Fact]
    public void TheMigrationJob_RunsTheBundleImageOfTheSameRelease_OnceAndBounded()
    {
        var pod = Map(Job, "spec", "template", "spec");
        var container = Assert.Single(Items(pod, "containers"));
        Assert.Equal("Never", Text(pod, "restartPolicy"));
        Assert.NotNull(Text(Job, "spec", "backoffLimit"));
        Assert.NotNull(Text(Job, "spec", "activeDeadlineSeconds"));
        Assert.Equal("feedback-migrations", Text(container, "image"));
        Assert.Null(Node(container, "command")); // the image's entrypoint is the bundle

        var images = Items(manifests.Single("Kustomization"), "images").ToDictionary(i => Text(i, "name")!, i => Text(i, "newTag"));
        Assert.Equal(images[Text(ApiContainer, "image")!], images["feedback-migrations"]); // migrations of the release being rolled out

        var dockerfile = File.ReadAllText(Path.Combine(manifests.Folder, "..", "Dockerfile"));
        Assert.Matches(@"(?m)^FROM \S+ AS migrations$", dockerfile);
        Assert.Contains("migrations bundle", dockerfile);
    }

    [Fact]
    public void TheDatabaseCluster_HasContinuousBackupToADefinedObjectStore_AndAScheduledBaseBackup()
    {
        var plugin = Assert.Single(Items(Database, "spec", "plugins"));
        Assert.Equal("true", Text(plugin, "isWALArchiver"));
        var store = manifests.Named("ObjectStore", Text(plugin, "parameters", "barmanObjectName")!);
        Assert.NotNull(Text(store, "spec", "retentionPolicy"));
        var backup = manifests.Single("ScheduledBackup");
        Assert.Equal(Text(Database, "metadata", "name"), Text(backup, "spec", "cluster", "name"));
        Assert.Equal(Text(plugin, "name"), Text(backup, "spec", "pluginConfiguration", "name"));
        Assert.Equal("required", Text(Database, "spec", "affinity", "podAntiAffinityType")); // primary and replica never share a node
    }

    [GeneratedRegex(@"\$\(([A-Z_a-z0-9]+)\)")]
    private static partial Regex VariableReference();
}
