using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// SQL text and its positional parameters. Search values only ever travel as parameters:
/// the text is made of fixed fragments, so no value can change the shape of a query.
/// </summary>
public sealed class SqlQuery
{
    private readonly List<NpgsqlParameter> _parameters = [];
    public StringBuilder Text { get; } = new();

    /// <summary>A placeholder ($n) for a value.</summary>
    public string Add(object value, NpgsqlDbType? type = null)
    {
        var parameter = type is { } t ? new NpgsqlParameter { Value = value, NpgsqlDbType = t } : new NpgsqlParameter { Value = value };
        _parameters.Add(parameter);
        return "$" + _parameters.Count;
    }

    public SqlQuery Append(string sql)
    {
        Text.Append(sql);
        return this;
    }

    public NpgsqlCommand ToCommand(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var command = new NpgsqlCommand(Text.ToString(), connection, transaction);
        // Copies: a parameter belongs to one command, and a query may run more than once (a count retried in its turn).
        command.Parameters.AddRange(_parameters.Select(p => p.Clone()).ToArray());
        return command;
    }

    /// <summary>The text and the values: two queries with the same key are the same query.</summary>
    public string Key() => Text + "\n" + string.Join('\u001f', _parameters.Select(p => p.Value is Array values
        ? string.Join('\u001e', values.Cast<object?>())
        : Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)));

    public override string ToString() => Text.ToString();
}
