using System.Text.Json.Serialization;

namespace RorNational.Domain.Common;

/// <summary>
/// Writes and reads an enum by its member name only: a number (<c>"type": 99</c>, or <c>1</c>)
/// is refused instead of becoming a member nobody defined or the one that happens to have it.
/// </summary>
public sealed class NamedEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
