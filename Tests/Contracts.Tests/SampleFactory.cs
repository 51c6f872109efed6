using System.Collections;
using System.Text.Json;

namespace AgentLightning.Contracts.Tests;

/// <summary>
/// Builds a message with every property set to a distinct non-default value, so a property that is lost,
/// renamed or swapped on the way through the serializer shows up.
/// </summary>
internal sealed class SampleFactory
{
    // A non-zero offset and sub-millisecond ticks: both must survive.
    private static readonly DateTimeOffset Origin = new DateTimeOffset(2025, 9, 6, 12, 34, 56, TimeSpan.FromHours(2)).AddTicks(1234);

    private int _next;

    public object Create(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => Value(p.ParameterType, p.Name!)).ToArray();
        var instance = constructor.Invoke(arguments);

        foreach (var property in ContractCatalog.Properties(type).Where(p => p.CanWrite))
        {
            property.SetValue(instance, Value(property.PropertyType, property.Name));
        }

        return instance;
    }

    /// <summary>Paths of the properties that hold a default or empty value, nested records included.</summary>
    public static IEnumerable<string> EmptyMembers(object instance, string path = "")
    {
        foreach (var property in ContractCatalog.Properties(instance.GetType()))
        {
            var name = path + "." + property.Name;
            var value = property.GetValue(instance);
            if (IsEmpty(value))
            {
                yield return name;
                continue;
            }

            var nested = value is IEnumerable items and not string ? items.Cast<object>() : [value!];
            foreach (var item in nested.Where(i => ContractCatalog.IsRecord(i.GetType())))
            {
                foreach (var empty in EmptyMembers(item, name))
                {
                    yield return empty;
                }
            }
        }
    }

    private static bool IsEmpty(object? value) => value switch
    {
        null => true,
        JsonElement element => element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null,
        string text => text.Length == 0,
        IEnumerable items => !items.Cast<object>().Any(),
        _ => value.GetType().IsValueType && value.Equals(Activator.CreateInstance(value.GetType())),
    };

    private object Value(Type type, string name)
    {
        var n = ++_next;
        type = Nullable.GetUnderlyingType(type) ?? type;

        if (type == typeof(string))
        {
            return $"{name}-{n}";
        }

        if (type == typeof(Guid))
        {
            return Guid.NewGuid();
        }

        if (type == typeof(int))
        {
            return n;
        }

        if (type == typeof(long))
        {
            return 1_000_000_000_000L + n;
        }

        if (type == typeof(double))
        {
            return n + 0.25;
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(DateTimeOffset))
        {
            return Origin.AddMinutes(n);
        }

        if (type == typeof(TimeSpan))
        {
            return TimeSpan.FromMilliseconds(n * 1001);
        }

        if (type == typeof(Uri))
        {
            return new Uri($"https://{name.ToLowerInvariant()}.example.test/{n}?q=a%20b");
        }

        if (type == typeof(JsonElement))
        {
            return JsonSerializer.Deserialize<JsonElement>(
                $$"""{"Name":"{{name}}","n":{{n}},"items":[1,"two",{"three":3.5}],"on":true,"none":null}""");
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(type.GenericTypeArguments))!;
            list.Add(Value(type.GenericTypeArguments[0], name));
            list.Add(Value(type.GenericTypeArguments[0], name));
            return list;
        }

        if (type == typeof(IReadOnlyDictionary<string, string>))
        {
            // Mixed-case keys: the camelCase naming policy must leave dictionary keys alone.
            return new Dictionary<string, string> { [$"Trace-Id-{n}"] = $"{name}-a", [$"txId{n}"] = $"{name}-b" };
        }

        if (ContractCatalog.IsRecord(type))
        {
            return Create(type);
        }

        throw new NotSupportedException($"No sample value for {type} ({name}): teach {nameof(SampleFactory)} this type.");
    }
}
