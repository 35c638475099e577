namespace GitOps.Sandbox.Http;

/// <summary>A resource URL taken apart: <c>/apis/{group}/{version}[/namespaces/{ns}]/{plural}[/{name}[/{subresource}]]</c>.</summary>
internal sealed record ApiPath(string Group, string Version, string? Namespace, string Plural, string? Name, string? Subresource)
{
    /// <summary>Parses the segments after <c>/api</c> or <c>/apis</c>; null when they name no resource.</summary>
    public static ApiPath? Parse(string group, string version, ReadOnlySpan<string> rest)
    {
        if (rest.Length == 0)
        {
            return null;
        }

        // namespaces/{ns}/{plural}/... addresses namespaced resources; namespaces/{name}[/status|finalize] the namespace itself.
        if (rest[0] == "namespaces" && rest.Length >= 3 && rest[2] is not ("status" or "finalize"))
        {
            var ns = rest[1];
            var tail = rest[2..];
            return tail.Length switch
            {
                1 => new ApiPath(group, version, ns, tail[0], null, null),
                2 => new ApiPath(group, version, ns, tail[0], tail[1], null),
                3 => new ApiPath(group, version, ns, tail[0], tail[1], tail[2]),
                _ => null,
            };
        }

        return rest.Length switch
        {
            1 => new ApiPath(group, version, null, rest[0], null, null),
            2 => new ApiPath(group, version, null, rest[0], rest[1], null),
            3 => new ApiPath(group, version, null, rest[0], rest[1], rest[2]),
            _ => null,
        };
    }
}
