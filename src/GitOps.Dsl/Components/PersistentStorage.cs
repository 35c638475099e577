namespace GitOps.Dsl;

/// <summary>A volume claim template of a <see cref="StatefulService"/>: one PersistentVolumeClaim per pod.</summary>
/// <param name="name">The claim template name (also the volume name).</param>
/// <param name="size">The requested size, e.g. <c>10Gi</c>.</param>
/// <param name="mountPath">Where the container sees the volume.</param>
public sealed class PersistentStorage(string name, string size, string mountPath)
{
    /// <summary>The claim template name.</summary>
    public string Name { get; } = name;

    /// <summary>The requested size.</summary>
    public string Size { get; set; } = size;

    /// <summary>The mount path.</summary>
    public string MountPath { get; set; } = mountPath;

    /// <summary>The storage class; the cluster default when null.</summary>
    public string? StorageClassName { get; set; }

    /// <summary>The access mode (<c>ReadWriteOnce</c> unless set).</summary>
    public string AccessMode { get; set; } = "ReadWriteOnce";
}
