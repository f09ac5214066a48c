using System.Text.Json;

namespace RorNational.Domain.Common;

/// <summary>
/// Value equality for records that hold lists (a record compares lists by reference): two
/// values are the same when they serialize the same. Used to emit no event for no change.
/// </summary>
public static class Equivalence
{
    public static bool Same<T>(T left, T right) =>
        JsonSerializer.Serialize(left) == JsonSerializer.Serialize(right);
}
