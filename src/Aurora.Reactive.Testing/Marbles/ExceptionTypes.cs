using System.Collections.Concurrent;
using System.Reflection;

namespace Aurora.Reactive.Testing.Marbles;

/// <summary>Finds exception types by name among the loaded assemblies, to create the errors of input lines.</summary>
internal static class ExceptionTypes
{
    private static readonly ConcurrentDictionary<string, Type> Cache = new(StringComparer.Ordinal);
    private static readonly string[] CommonNamespaces = ["", "System.", "System.IO.", "System.Net.Sockets.", "System.Net.", "System.Threading.", "System.Threading.Tasks."];

    public static Exception Create(string typeName, string? message)
    {
        var type = Cache.GetOrAdd(typeName, Find);
        var instance = message is null
            ? Activator.CreateInstance(type)
            : type.GetConstructor([typeof(string)]) is { } withMessage
                ? withMessage.Invoke([message])
                : throw new InvalidOperationException($"Exception type '{type.FullName}' has no constructor taking a message.");
        return (Exception)instance!;
    }

    private static Type Find(string typeName)
    {
        var assemblies = AppDomain.CurrentDomain.GetAssemblies();
        var common = CommonNamespaces
            .SelectMany(ns => assemblies.Select(a => a.GetType(ns + typeName, throwOnError: false)))
            .FirstOrDefault(t => t is not null && typeof(Exception).IsAssignableFrom(t) && !t.IsAbstract);
        return common ?? Search(typeName, assemblies);
    }

    /// <summary>The slow path: every loaded type, for exceptions outside the common namespaces.</summary>
    private static Type Search(string typeName, Assembly[] assemblies)
    {
        var candidates = assemblies
            .SelectMany(LoadableTypes)
            .Where(t => typeof(Exception).IsAssignableFrom(t) && !t.IsAbstract && (t.FullName == typeName || t.Name == typeName))
            .Distinct()
            .ToList();
        var exact = candidates.Where(t => t.FullName == typeName).ToList();
        var system = candidates.Where(t => t.Namespace is { } ns && (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal))).ToList();
        var chosen = exact.Count == 1 ? exact : system.Count == 1 ? system : candidates;
        return chosen.Count switch
        {
            1 => chosen[0],
            0 => throw new InvalidOperationException($"No loaded exception type is named '{typeName}'; use a full name such as 'System.TimeoutException'."),
            _ => throw new InvalidOperationException(
                $"Several exception types are named '{typeName}' ({string.Join(", ", chosen.Select(t => t.FullName))}); use the full name."),
        };
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            return partial.Types.Where(t => t is not null)!;
        }
    }
}
