using System.Text;

namespace GitOps.Bench;

/// <summary>
/// Writes the synthetic system as a GitOpsDsl config repository: one script per app under <c>apps/</c> (the
/// counterpart of one kustomize base per app), <c>#load</c>ed by <c>gitops.csx</c> after the shared typed values
/// in <c>settings.csx</c>, and one script per environment.
/// </summary>
internal static class ScriptSystemWriter
{
    public static void Write(string root, int apps)
    {
        Directory.CreateDirectory(Path.Combine(root, "apps"));
        Directory.CreateDirectory(Path.Combine(root, "environments"));
        File.WriteAllText(Path.Combine(root, "settings.csx"), """
            public sealed class Settings
            {
                public string LogLevel { get; set; } = "info";
            }

            """);

        var main = new StringBuilder("#load \"settings.csx\"\n");
        for (var i = 0; i < apps; i++)
        {
            main.Append("#load \"apps/").Append(SyntheticSystem.AppName(i)).Append(".csx\"\n");
            File.WriteAllText(Path.Combine(root, "apps", SyntheticSystem.AppName(i) + ".csx"), AppScript(i));
        }

        File.WriteAllText(Path.Combine(root, "gitops.csx"), main.ToString());
        foreach (var (name, logLevel, tag) in SyntheticSystem.Environments)
        {
            File.WriteAllText(Path.Combine(root, "environments", name + ".csx"), EnvironmentScript(name, logLevel, tag, apps));
        }
    }

    private static string AppScript(int index)
    {
        var name = SyntheticSystem.AppName(index);
        var image = SyntheticSystem.Image(index);
        return $$"""
            App("{{name}}", env => new object[]
            {
                new ConfigMapGenerator("{{name}}-config")
                {
                    Literals = { ["LOG_LEVEL"] = env.Values<Settings>().LogLevel, ["APP_NAME"] = "{{name}}" },
                },
                new WebService("{{name}}")
                {
                    Image = "{{image}}:1.0.0",
                    Port = 8080,
                    HealthPath = "/healthz",
                    Autoscale = new Autoscaling(2, 10),
                    EnvFromConfigMaps = { "{{name}}-config" },
                },
                new ScheduledJob("{{name}}-cleanup", "0 3 * * *")
                {
                    Image = "{{image}}:1.0.0",
                    Args = ["cleanup", "--older-than=30d"],
                    EnvFromConfigMaps = { "{{name}}-config" },
                },
            });

            """;
    }

    private static string EnvironmentScript(string name, string logLevel, string tag, int apps)
    {
        var script = new StringBuilder()
            .Append("Environment(\"").Append(name).Append("\", e =>\n{\n")
            .Append("    e.Namespace = \"").Append(SyntheticSystem.Namespace(name)).Append("\";\n")
            .Append("    e.Labels[\"env\"] = \"").Append(name).Append("\";\n")
            .Append("    e.Values(new Settings { LogLevel = \"").Append(logLevel).Append("\" });\n");
        for (var i = 0; i < apps; i++)
        {
            script.Append("    e.Image(\"").Append(SyntheticSystem.Image(i)).Append("\", newTag: \"").Append(tag).Append("\");\n");
        }

        return script.Append("});\n").ToString();
    }
}
