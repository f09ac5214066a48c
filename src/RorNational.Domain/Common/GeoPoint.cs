namespace RorNational.Domain.Common;

/// <summary>A WGS84 position in decimal degrees, as FHIR's Location.position carries it.</summary>
public sealed record GeoPoint(double Latitude, double Longitude);
