using System.Text.Json;

namespace RorNational.Finess.Structures;

/// <summary>
/// Walks a JSON document whose root is an object without loading it: it gives the root's
/// string properties, and the elements of one root array, each as its own bytes, holding
/// no more than one element at a time. A FINESS Structures file is one object of a few
/// hundred megabytes whose <c>pmej</c> array holds the EJ with their EG.
/// </summary>
internal sealed class JsonArrayStreamer(Stream stream, string arrayName)
{
    private const int LargestElement = 64 << 20; // an EJ with all its EG is a few hundred KB at most

    private byte[] _buffer = new byte[1 << 16];
    private int _start, _end;
    private bool _final;
    private JsonReaderState _state;
    private Mode _mode;

    private enum Mode { BeforeRoot, InRoot, InArray, Done }

    /// <summary>The root held the array, as an array, opened and closed: its elements were all given.</summary>
    public bool ArrayComplete { get; private set; }

    /// <summary>
    /// A root string property (name and value), or an array element (no name): its bytes
    /// are valid until the next call, which may move the buffer.
    /// </summary>
    public readonly record struct Item(string? PropertyName, string? Value, ReadOnlyMemory<byte> Element);

    /// <summary>The next root string property or array element; null at the end of the document.</summary>
    public async ValueTask<Item?> NextAsync(CancellationToken ct)
    {
        while (true)
        {
            if (TryStep(out var item)) return item;
            if (_mode == Mode.Done) return null;
            if (_final) throw new JsonException("The JSON document ends before its root object does.");
            await FillAsync(ct);
        }
    }

    private bool TryStep(out Item? item)
    {
        item = null;
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
        while (_mode != Mode.Done)
        {
            var checkpoint = reader;
            if (!reader.Read()) return Keep(checkpoint);
            switch (_mode)
            {
                case Mode.BeforeRoot when reader.TokenType == JsonTokenType.StartObject:
                    _mode = Mode.InRoot;
                    break;
                case Mode.BeforeRoot:
                    throw new JsonException("The root of the document is not an object.");
                case Mode.InRoot when reader.TokenType == JsonTokenType.EndObject:
                    _mode = Mode.Done;
                    break;
                case Mode.InRoot:
                    var name = reader.GetString();
                    if (!reader.Read()) return Keep(checkpoint);
                    if (name == arrayName && reader.TokenType == JsonTokenType.StartArray) _mode = Mode.InArray;
                    else if (reader.TokenType == JsonTokenType.String)
                    {
                        item = new Item(name, reader.GetString(), default);
                        return Keep(reader, found: true);
                    }
                    else if (!reader.TrySkip()) return Keep(checkpoint);
                    break;
                case Mode.InArray when reader.TokenType == JsonTokenType.EndArray:
                    _mode = Mode.InRoot;
                    ArrayComplete = true;
                    break;
                case Mode.InArray:
                    var from = (int)reader.TokenStartIndex;
                    if (!reader.TrySkip()) return Keep(checkpoint);
                    item = new Item(null, null, _buffer.AsMemory(_start + from, (int)reader.BytesConsumed - from));
                    return Keep(reader, found: true);
            }
        }
        return Keep(reader);
    }

    // Records how far the reader went; false asks for more bytes (or tells the end).
    private bool Keep(Utf8JsonReader reader, bool found = false)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
        return found;
    }

    private async ValueTask FillAsync(CancellationToken ct)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            (_end, _start) = (_end - _start, 0);
        }
        else if (_end == _buffer.Length)
        {
            if (_buffer.Length >= LargestElement) throw new JsonException("An element of the document is too large.");
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct);
        _end += read;
        _final = read == 0;
    }
}
