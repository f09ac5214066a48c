namespace RorNational.Domain.Capacity;

public enum CapacityOperationKind { Add, Replace, Delete }

/// <summary>
/// One operation of a supplier's patch, read from its Parameters: an add carries the new
/// indicator; a replace the key its path selects and the new indicator; a delete the key only.
/// </summary>
public sealed record CapacityOperation(CapacityOperationKind Kind, CapacityKey? Selector, CapacityIndicator? Value)
{
    public static CapacityOperation Add(CapacityIndicator value) => new(CapacityOperationKind.Add, null, value);
    public static CapacityOperation Replace(CapacityKey selector, CapacityIndicator value) => new(CapacityOperationKind.Replace, selector, value);
    public static CapacityOperation Delete(CapacityKey selector) => new(CapacityOperationKind.Delete, selector, null);
}
