using System.Diagnostics;

namespace GitOps.Reconciler.Tests.Support;

/// <summary>Generates throwaway SSH and GPG keys in a temp directory.</summary>
public static class SigningKeys
{
    /// <summary>An Ed25519 key without passphrase; returns the private key path and an allowed_signers line.</summary>
    public static (string KeyFile, string AllowedSignersLine) Ssh(string directory, string principal)
    {
        var key = Path.Combine(directory, $"key-{Guid.NewGuid():N}");
        Run("ssh-keygen", null, "-q", "-t", "ed25519", "-N", "", "-C", principal, "-f", key);
        var publicKey = File.ReadAllText(key + ".pub").Trim().Split(' ');
        return (key, $"{principal} {publicKey[0]} {publicKey[1]}");
    }

    /// <summary>A GPG home with one signing key; returns the home and the key's fingerprint.</summary>
    public static (string Home, string Fingerprint) Gpg(string directory, string uid)
    {
        var home = Path.Combine(directory, $"gnupg-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(home);
        if (!OperatingSystem.IsWindows())
        {
            // gpg refuses a home directory that others can read.
            File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        Run("gpg", home, "--homedir", home, "--batch", "--passphrase", "", "--quick-gen-key", uid, "ed25519", "sign", "never");
        var listing = Run("gpg", home, "--homedir", home, "--batch", "--with-colons", "--list-secret-keys");
        var fingerprint = listing.Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
        return (home, fingerprint);
    }

    /// <summary>Stops the gpg-agent a GPG home started.</summary>
    public static void StopGpgAgent(string home) => Run("gpgconf", home, "--homedir", home, "--kill", "gpg-agent");

    public static string Run(string file, string? gnupgHome, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (gnupgHome is not null)
        {
            start.Environment["GNUPGHOME"] = gnupgHome;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? stdout.Result : throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {stderr}");
    }
}
