using System.Reflection;
using System.Reflection.Emit;
using GitOps.Reconciler.Cluster.Kubeconfig;

namespace GitOps.Reconciler.Tests.Connection;

/// <summary>
/// Keeps KubernetesClient.dll out of the agent's and a reconcile's process: the runtime maps that 28 MiB assembly
/// (about 5 MiB resident) as soon as it compiles a method whose body or signature mentions one of its types. So only
/// <see cref="KubernetesClientFallback"/>, called for kubeconfigs our reader declines, may mention them. Checked on
/// every type's fields, signatures, locals, catch clauses and the members its IL calls or touches.
/// </summary>
public sealed class KubernetesClientMentionTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value, code => code.OperandType);

    [Fact]
    public void Only_the_kubernetes_client_fallback_mentions_kubernetes_client_types()
    {
        var mentioning = typeof(Reconciler).Assembly.GetTypes()
            .Where(type => Mentions(type).Any())
            .Select(type => type.FullName!)
            .ToList();

        // The fallback itself is seen, so the check does find mentions where there are some.
        Assert.Contains(typeof(KubernetesClientFallback).FullName!, mentioning);
        Assert.All(mentioning, name => Assert.StartsWith(typeof(KubernetesClientFallback).FullName!, name, StringComparison.Ordinal));
    }

    /// <summary>What in the type mentions a KubernetesClient type, described for a failure message.</summary>
    private static IEnumerable<string> Mentions(Type type)
    {
        foreach (var related in new[] { type.BaseType }.Concat(type.GetInterfaces()).Where(IsKubernetesClient))
        {
            yield return $"derives from {related}";
        }

        foreach (var field in type.GetFields(Declared).Where(f => IsKubernetesClient(f.FieldType)))
        {
            yield return $"field {field.Name}";
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            foreach (var mention in Mentions(method))
            {
                yield return $"{method.Name}: {mention}";
            }
        }
    }

    private static IEnumerable<string> Mentions(MethodBase method)
    {
        var signature = method.GetParameters().Select(p => p.ParameterType)
            .Concat(method is MethodInfo info ? [info.ReturnType] : []);
        if (signature.Any(IsKubernetesClient))
        {
            yield return "signature";
        }

        if (method.GetMethodBody() is not { } body)
        {
            yield break;
        }

        if (body.LocalVariables.Any(local => IsKubernetesClient(local.LocalType)))
        {
            yield return "local variable";
        }

        if (body.ExceptionHandlingClauses.Any(clause => clause.Flags == ExceptionHandlingClauseOptions.Clause && IsKubernetesClient(clause.CatchType)))
        {
            yield return "catch clause";
        }

        foreach (var member in ReferencedMembers(method, body.GetILAsByteArray()!).Where(IsKubernetesClient))
        {
            yield return $"uses {member}";
        }
    }

    /// <summary>The fields, methods and types the IL's tokens refer to.</summary>
    private static IEnumerable<MemberInfo> ReferencedMembers(MethodBase method, byte[] il)
    {
        var typeArguments = method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var code = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var operand = Operands[code];
            if (operand is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType)
            {
                yield return method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments)!;
            }

            at += operand switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
                _ => 4,
            };
        }
    }

    private static bool IsKubernetesClient(MemberInfo? member) => member switch
    {
        null => false,
        Type type => IsKubernetesClient(type),
        FieldInfo field => IsKubernetesClient(field.DeclaringType) || IsKubernetesClient(field.FieldType),
        MethodBase method => IsKubernetesClient(method.DeclaringType)
            || method.GetParameters().Any(p => IsKubernetesClient(p.ParameterType))
            || (method is MethodInfo info && (IsKubernetesClient(info.ReturnType) || (info.IsGenericMethod && info.GetGenericArguments().Any(IsKubernetesClient)))),
        _ => IsKubernetesClient(member.DeclaringType),
    };

    private static bool IsKubernetesClient(Type? type) =>
        type is not null
        && !type.IsGenericParameter
        && (type.Assembly.GetName().Name == "KubernetesClient"
            || (type.HasElementType && IsKubernetesClient(type.GetElementType()))
            || (type.IsGenericType && type.GetGenericArguments().Any(IsKubernetesClient)));
}
