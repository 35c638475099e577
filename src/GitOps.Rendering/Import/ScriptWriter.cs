using System.Globalization;
using System.Text;

namespace GitOps.Rendering.Import;

/// <summary>
/// Writes the plan as a config repository: <c>gitops.csx</c> naming the apps, one <c>apps/&lt;app&gt;.csx</c> per
/// app, and <c>environments/&lt;env&gt;.csx</c> per environment, each formatted by Roslyn.
/// </summary>
internal static class ScriptWriter
{
    public static SortedDictionary<string, string> Files(ImportPlan plan)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var root = new StringBuilder();
        foreach (var app in plan.Apps)
        {
            root.Append(CultureInfo.InvariantCulture, $"#load \"apps/{app.Name}.csx\"\n");
            files[$"apps/{app.Name}.csx"] = ScriptFormatter.Format(AppScript(app));
        }

        root.Append("\n// The apps of this repository, imported by `gitops import`.");
        if (plan.Apps.Any(app => !app.StandardLabels))
        {
            root.Append(" Where the labels came with the manifests,\n// standardLabels: false keeps gitops from adding its app.kubernetes.io labels.");
        }

        root.Append('\n');
        foreach (var app in plan.Apps)
        {
            var labels = app.StandardLabels ? "" : ", standardLabels: false";
            root.Append(CultureInfo.InvariantCulture, $"App({CSharpLiterals.String(app.Name)}, {ClassName(app.Name)}.Objects{labels});\n");
        }

        files["gitops.csx"] = ScriptFormatter.Format(root.ToString());
        foreach (var overlay in plan.Overlays)
        {
            files[$"environments/{overlay.Name}.csx"] = ScriptFormatter.Format(EnvironmentScript(overlay));
        }

        return files;
    }

    /// <summary>The class that holds an app's objects: <c>sock-shop</c> becomes <c>SockShopApp</c>.</summary>
    public static string ClassName(string app)
    {
        var text = new StringBuilder();
        foreach (var part in app.Split('-', StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append(char.ToUpperInvariant(part[0])).Append(part[1..]);
        }

        var name = text.Append("App").ToString();
        return char.IsDigit(name[0]) ? "App" + name : name;
    }

    private static string AppScript(AppPlan app)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"// The objects of app \"{app.Name}\", imported by `gitops import`.\n")
            .Append(CultureInfo.InvariantCulture, $"static class {ClassName(app.Name)}\n{{\n")
            .Append("    public static IEnumerable<object> Objects(AppEnvironment env)\n    {\n");
        var components = ComponentMatcher.Find(app);
        var replaced = components.SelectMany(match => match.Objects.Skip(1)).ToHashSet();
        var firsts = components.ToDictionary(match => match.Objects[0], match => match.Expression);
        foreach (var planned in app.Objects.Where(planned => !replaced.Contains(planned)))
        {
            if (firsts.TryGetValue(planned, out var component))
            {
                text.Append(CultureInfo.InvariantCulture, $"        yield return {CSharpLiterals.Indent(component, 8)};\n\n");
            }
            else if (planned.Environments is { } only)
            {
                text.Append(CultureInfo.InvariantCulture, $"        if ({string.Join(" || ", only.Select(env => $"env.Is({CSharpLiterals.String(env)})"))})\n        {{\n")
                    .Append(CultureInfo.InvariantCulture, $"            yield return {CSharpLiterals.Indent(ObjectWriter.Expression(planned), 12)};\n")
                    .Append("        }\n\n");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"        yield return {CSharpLiterals.Indent(ObjectWriter.Expression(planned), 8)};\n\n");
            }
        }

        return text.ToString().TrimEnd() + "\n    }\n}\n";
    }

    private static string EnvironmentScript(EnvironmentPlan overlay)
    {
        var lines = new List<string>();
        if (overlay.Namespace is { } ns)
        {
            lines.Add($"e.Namespace = {CSharpLiterals.String(ns)};");
        }

        if (overlay.NamePrefix.Length > 0)
        {
            lines.Add($"e.NamePrefix = {CSharpLiterals.String(overlay.NamePrefix)};");
        }

        if (overlay.NameSuffix.Length > 0)
        {
            lines.Add($"e.NameSuffix = {CSharpLiterals.String(overlay.NameSuffix)};");
        }

        lines.AddRange(overlay.Labels.Select(pair => $"e.Labels[{CSharpLiterals.String(pair.Key)}] = {CSharpLiterals.String(pair.Value)};"));
        lines.AddRange(overlay.Annotations.Select(pair => $"e.Annotations[{CSharpLiterals.String(pair.Key)}] = {CSharpLiterals.String(pair.Value)};"));
        lines.AddRange(overlay.Images.Select(pair => pair.Value.StartsWith('@')
            ? $"e.Image({CSharpLiterals.String(pair.Key)}, digest: {CSharpLiterals.String(pair.Value[1..])});"
            : $"e.Image({CSharpLiterals.String(pair.Key)}, newTag: {CSharpLiterals.String(pair.Value[1..])});"));
        lines.AddRange(overlay.Replicas.Select(pair => $"e.Replicas[{CSharpLiterals.String(pair.Key)}] = {pair.Value.ToString(CultureInfo.InvariantCulture)};"));
        foreach (var patch in overlay.Patches)
        {
            lines.AddRange(PatchWriter.Calls(patch));
        }

        return new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"// The \"{overlay.Name}\" environment, imported by `gitops import`.\n")
            .Append(CultureInfo.InvariantCulture, $"Environment({CSharpLiterals.String(overlay.Name)}, e =>\n{{\n")
            .Append(string.Concat(lines.Select(line => "    " + CSharpLiterals.Indent(line, 4) + "\n")))
            .Append("});\n")
            .ToString();
    }
}
