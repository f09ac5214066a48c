using Microsoft.AspNetCore.Http;
using RorNational.Fhir.Search.Indexing;

namespace RorNational.Fhir.Search;

/// <summary>
/// The data classes a caller may not search on. Access profiles (issue 5) set them per client;
/// until then every caller reads everything, as plain reads do.
/// </summary>
public static class SearchAccess
{
    public static SearchDataClass DeniedTo(HttpContext context) => SearchDataClass.None;
}
