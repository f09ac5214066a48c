using System.Diagnostics;
using System.Text;

namespace RorNational.Finess.Tests.Reading;

/// <summary>
/// A generated extract the size of the national one: 50,000 establishments, then their
/// 50,000 geolocation lines (about 20 MB). Alone, so that memory measures are its own.
/// </summary>
[NonParallelizable]
public sealed class streaming_a_national_extract
{
    private const int Establishments = 50_000;
    private string _path = null!;

    [OneTimeSetUp]
    public void Generate()
    {
        _path = Path.Combine(Path.GetTempPath(), $"finess-national-{Guid.NewGuid():N}.csv");
        using var file = new StreamWriter(_path, false, new UTF8Encoding(false));
        file.Write("finess;etalab;111;2026-05-12\n");
        for (var i = 0; i < Establishments; i++)
            file.Write($"structureet;{Finess(i)};{Finess(i + 1)};EHPAD NUMERO {i};ÉTABLISSEMENT D'HÉBERGEMENT POUR PERSONNES ÂGÉES DÉPENDANTES NUMÉRO {i};;;{i % 900 + 1};R;DE LA RÉPUBLIQUE;;;451;01;AIN;01440 VIRIAT;0474454647;0474454114;500;Etablissement d'hébergement pour personnes âgées dépendantes;4401;Etablissements d'Hébergement pour Personnes Âgées;26010004500012;8710A;45;ARS/PCD, Tarif partiel, habilité aide sociale, sans PUI;;;1979-02-13;1979-02-13;2020-02-04;\n");
        for (var i = 0; i < Establishments; i++)
            file.Write($"geolocalisation;{Finess(i)};{870000 + i % 1000}.5;{6571000 + i % 1000}.5;1,ATLASANTE,96,BAN,EPSG:2154 RGF93 / Lambert-93 (Métropole);2026-05-04\n");
    }

    [OneTimeTearDown]
    public void Delete() => File.Delete(_path);

    private static string Finess(int i) => $"01{i:D7}";

    [Test]
    public async Task it_reads_in_a_few_seconds_holding_the_positions_but_never_the_lines()
    {
        var clock = Stopwatch.StartNew();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        await using var extract = await FinessExtractReader.OpenAsync(File.OpenRead(_path));
        var opened = GC.GetTotalMemory(forceFullCollection: true);

        long count = 0, highest = opened, placed = 0, bytesAtFirstLine = -1;
        await foreach (var line in extract.ReadAsync())
        {
            if (line is not FinessEstablishment establishment) continue;
            if (bytesAtFirstLine < 0) bytesAtFirstLine = extract.Progress.BytesRead;
            if (establishment.EG.Coordinates is not null) placed++;
            if (++count % 10_000 == 0) highest = Math.Max(highest, GC.GetTotalMemory(forceFullCollection: true));
        }
        clock.Stop();

        var fileSize = new FileInfo(_path).Length;
        Assert.That((count, placed), Is.EqualTo((Establishments, Establishments)));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)));
        Assert.That(opened - before, Is.LessThan(fileSize / 2), "the index of positions is much smaller than the file");
        Assert.That(highest - opened, Is.LessThan(8 << 20), "reading holds no more than the current lines");
        Assert.That(bytesAtFirstLine, Is.LessThan(fileSize / 10), "the first establishment is given long before the end of the file");
        TestContext.Out.WriteLine($"{fileSize >> 20} MB read in {clock.ElapsedMilliseconds} ms; index {(opened - before) >> 10} KB; reading grew {(highest - opened) >> 10} KB");
    }

    [Test]
    public async Task a_stream_that_cannot_seek_is_copied_to_a_temporary_file_deleted_at_the_end()
    {
        int TemporaryFiles() => Directory.GetFiles(Path.GetTempPath(), "finess-extract-*.tmp").Length;
        var before = TemporaryFiles();
        var sample = Extracts.Bytes(Extracts.Sample);

        var extract = await FinessExtractReader.OpenAsync(new ForwardOnlyStream(new MemoryStream(sample)));
        var during = TemporaryFiles();
        var lines = new List<FinessLine>();
        await foreach (var line in extract.ReadAsync()) lines.Add(line);
        await extract.DisposeAsync();

        Assert.That(lines, Is.EqualTo((await Extracts.ReadAllAsync(sample)).Lines));
        Assert.That(extract.Progress.TotalBytes, Is.EqualTo(sample.Length));
        Assert.That((during, TemporaryFiles()), Is.EqualTo((before + 1, before)));
    }

    [Test]
    public async Task the_reading_stops_when_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        await using var extract = await FinessExtractReader.OpenAsync(File.OpenRead(_path));
        var count = 0;

        Assert.That(async () =>
        {
            await foreach (var _ in extract.ReadAsync(cancel.Token))
                if (++count == 1000) await cancel.CancelAsync();
        }, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(count, Is.EqualTo(1000));
        Assert.That(extract.Progress.Phase, Is.EqualTo(FinessReadPhase.Reading));
    }

    /// <summary>What a request body looks like to the reader: it reads forward only.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => inner.ReadAsync(buffer, ct);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
