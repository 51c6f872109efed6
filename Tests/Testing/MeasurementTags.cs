namespace AgentLightning.Testing;

/// <summary>A tag of a measurement a MeterListener received.</summary>
public static class MeasurementTags
{
    public static string? Value(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
