using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace FloorServer;

/// <summary>Runs a search's two queries with the request's parameters and writes the Bundle around the stored JSON.</summary>
public static class SearchPage
{
    public static async Task<long> CountAsync(NpgsqlDataSource database, Queries.SearchQuery query, IQueryCollection values)
    {
        await using var command = Command(database, query.Count, values);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<List<string>> ReadAsync(NpgsqlDataSource database, Queries.SearchQuery query, IQueryCollection values)
    {
        await using var command = Command(database, query.Page, values);
        await using var reader = await command.ExecuteReaderAsync();
        var resources = new List<string>();
        while (await reader.ReadAsync()) resources.Add(reader.GetString(0));
        return resources;
    }

    public static string Bundle(long total, List<string> resources)
    {
        var json = new StringBuilder(resources.Sum(r => r.Length) + 256);
        json.Append("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":").Append(total).Append(",\"entry\":[");
        for (var i = 0; i < resources.Count; i++) json.Append(i == 0 ? "" : ",").Append("{\"resource\":").Append(resources[i]).Append('}');
        return json.Append("]}").ToString();
    }

    /// <summary>Each @name bound from the query string: ages are integers, instants timestamps, the rest text.</summary>
    private static NpgsqlCommand Command(NpgsqlDataSource database, string sql, IQueryCollection values)
    {
        var command = database.CreateCommand(sql);
        foreach (var name in Queries.ParametersOf(sql))
        {
            var value = values[name].ToString();
            if (name == "age") command.Parameters.AddWithValue(name, int.Parse(value, CultureInfo.InvariantCulture));
            else if (name is "since" or "after_updated")
                command.Parameters.AddWithValue(name, NpgsqlDbType.TimestampTz, DateTimeOffset.Parse(value, CultureInfo.InvariantCulture).UtcDateTime);
            else command.Parameters.AddWithValue(name, value);
        }
        return command;
    }
}
