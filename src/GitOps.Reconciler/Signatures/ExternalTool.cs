using System.Diagnostics;
using System.Text;

namespace GitOps.Reconciler.Signatures;

/// <summary>Runs ssh-keygen or gpg with arguments as a list (never a shell line) and the payload on stdin.</summary>
internal static class ExternalTool
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string file, IEnumerable<string> arguments, string? stdin, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ReconcileException($"could not start {file}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ReconcileException($"could not start {file}: {e.Message}", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            if (stdin is not null)
            {
                // Commit payloads are bytes; git hashes them as UTF-8 without a BOM.
                await process.StandardInput.BaseStream.WriteAsync(new UTF8Encoding(false).GetBytes(stdin), cancellationToken);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, await stdout, await stderr);
        }
    }
}
