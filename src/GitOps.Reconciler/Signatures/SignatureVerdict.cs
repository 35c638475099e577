namespace GitOps.Reconciler.Signatures;

/// <summary>What checking a rendered commit's signature found.</summary>
public enum SignatureState
{
    /// <summary>Signed by a trusted key and the signature verifies.</summary>
    Good,

    /// <summary>The commit carries no signature.</summary>
    NotSigned,

    /// <summary>Signed, but by a key that is not trusted.</summary>
    UnknownKey,

    /// <summary>Signed by a trusted key, but the signature does not match the commit.</summary>
    Bad,
}

/// <summary>The verdict on one commit, with who signed it or why it was refused.</summary>
public sealed record SignatureVerdict(SignatureState State, string Message)
{
    public bool IsGood => State == SignatureState.Good;
}
