using System.Collections;
using System.Data.Common;

namespace Aurora.Reactive.Tests.Connections.Fakes;

/// <summary>An endless one-column reader whose every read goes to the node: a read hangs while the node is frozen.</summary>
internal sealed class FakeStreamingReader(FakeDbConnection connection) : DbDataReader
{
    private long _row;

    public override int Depth => 0;

    public override int FieldCount => 1;

    public override bool HasRows => true;

    public override bool IsClosed => false;

    public override int RecordsAffected => -1;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(0);

    public override bool Read() => connection.Run("FETCH") is not null && ++_row > 0;

    public override async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        await connection.RunAsync("FETCH", cancellationToken);
        _row++;
        return true;
    }

    public override bool NextResult() => false;

    public override long GetInt64(int ordinal) => _row;

    public override object GetValue(int ordinal) => _row;

    public override bool GetBoolean(int ordinal) => throw new NotSupportedException();

    public override byte GetByte(int ordinal) => throw new NotSupportedException();

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

    public override char GetChar(int ordinal) => throw new NotSupportedException();

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

    public override string GetDataTypeName(int ordinal) => "bigint";

    public override DateTime GetDateTime(int ordinal) => throw new NotSupportedException();

    public override decimal GetDecimal(int ordinal) => _row;

    public override double GetDouble(int ordinal) => _row;

    public override Type GetFieldType(int ordinal) => typeof(long);

    public override float GetFloat(int ordinal) => _row;

    public override Guid GetGuid(int ordinal) => throw new NotSupportedException();

    public override short GetInt16(int ordinal) => (short)_row;

    public override int GetInt32(int ordinal) => (int)_row;

    public override string GetName(int ordinal) => "n";

    public override int GetOrdinal(string name) => 0;

    public override string GetString(int ordinal) => _row.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override int GetValues(object[] values)
    {
        values[0] = _row;
        return 1;
    }

    public override bool IsDBNull(int ordinal) => false;

    public override IEnumerator GetEnumerator() => new DbEnumerator(this);
}
