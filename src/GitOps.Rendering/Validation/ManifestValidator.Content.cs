using GitOps.Dsl;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Validation;

/// <summary>Image tags and literal Secret data.</summary>
public static partial class ManifestValidator
{
    private static void CheckImages(ValidationContext context, RenderedObject item)
    {
        foreach (var (pod, path) in PodSpecs.FindWithPath(item.Manifest))
        {
            foreach (var field in new[] { "initContainers", "containers" })
            {
                var containers = pod[field] as JsonArray ?? [];
                for (var i = 0; i < containers.Count; i++)
                {
                    var image = (string?)containers[i]?["image"];
                    var at = $"{path}.{field}[{i}].image";
                    if (string.IsNullOrEmpty(image))
                    {
                        context.Error(item, at, "is missing; every container needs an image.");
                        continue;
                    }

                    var (_, suffix) = ImageReference.Split(image);
                    if (suffix.Length == 0)
                    {
                        context.Warning(item, at, $"image '{image}' has no tag; pin a version (or a digest) so the rendered tree says what runs.");
                    }
                    else if (suffix == ":latest")
                    {
                        context.Warning(item, at, $"image '{image}' uses ':latest'; pin a version (or a digest) so the rendered tree says what runs.");
                    }
                }
            }
        }
    }

    private static void CheckSecretData(ValidationContext context, RenderedObject item)
    {
        if (item.Kind != "Secret" || item.AllowsLiteralSecretData)
        {
            return;
        }

        foreach (var field in new[] { "data", "stringData" })
        {
            if (item.Manifest[field] is JsonObject { Count: > 0 })
            {
                context.Error(item, field,
                    "holds literal secret data, which would be stored in plain text in the rendered branch. Use a SealedSecret or an ExternalSecret (as a CustomObject) and declare the Secret with e.External.Secrets.Add(...); if the data is not secret, opt in per object with secret.AllowLiteralDataInGit() or SecretGenerator { AllowLiteralDataInGit = true }.");
            }
        }
    }
}
