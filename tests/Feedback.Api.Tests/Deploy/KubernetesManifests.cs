using YamlDotNet.RepresentationModel;

namespace Feedback.Api.Tests.Deploy;

/// <summary>Every document of every <c>deploy/k8s/*.yaml</c>, parsed with YamlDotNet, with helpers to walk them.</summary>
internal sealed class KubernetesManifests
{
    private KubernetesManifests(string folder, IReadOnlyList<(string File, YamlMappingNode Root)> documents)
    {
        Folder = folder;
        Documents = documents;
    }

    public string Folder { get; }
    public IReadOnlyList<(string File, YamlMappingNode Root)> Documents { get; }

    public static KubernetesManifests Load()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Feedback.sln")))
        {
            dir = dir.Parent;
        }

        var folder = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Feedback.sln not found"), "deploy", "k8s");
        var documents = new List<(string, YamlMappingNode)>();
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order())
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                stream.Load(reader); // throws on invalid YAML
            }

            foreach (var document in stream.Documents)
            {
                documents.Add((Path.GetFileName(file), (YamlMappingNode)document.RootNode));
            }
        }

        return new KubernetesManifests(folder, documents);
    }

    public IEnumerable<YamlMappingNode> OfKind(string kind) =>
        Documents.Where(d => Text(d.Root, "kind") == kind).Select(d => d.Root);

    public YamlMappingNode Single(string kind) => Assert.Single(OfKind(kind));

    public YamlMappingNode Named(string kind, string name) =>
        Assert.Single(OfKind(kind), d => Text(d, "metadata", "name") == name);

    public static YamlNode? Node(YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }

        return node;
    }

    public static string? Text(YamlNode? node, params string[] path) => (Node(node, path) as YamlScalarNode)?.Value;

    public static YamlMappingNode Map(YamlNode? node, params string[] path) =>
        Assert.IsType<YamlMappingNode>(Node(node, path) ?? throw new Xunit.Sdk.XunitException($"missing {string.Join('.', path)}"));

    public static IEnumerable<YamlMappingNode> Items(YamlNode? node, params string[] path) =>
        (Node(node, path) as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [];

    public static Dictionary<string, string?> Labels(YamlNode? node, params string[] path) =>
        Map(node, path).Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (c.Value as YamlScalarNode)?.Value);

    /// <summary>A container's env var value (literal), or null.</summary>
    public static string? Env(YamlMappingNode container, string name) =>
        Items(container, "env").Where(e => Text(e, "name") == name).Select(e => Text(e, "value")).SingleOrDefault();
}
