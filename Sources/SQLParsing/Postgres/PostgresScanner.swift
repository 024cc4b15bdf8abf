import CPgQuery

/// PostgreSQL's own lexer (libpg_query's `pg_query_scan`), as tokens over the statement's UTF-8 bytes.
///
/// The scan result is protobuf (`pg_query.proto`: ScanResult { version = 1; repeated ScanToken
/// tokens = 2 }, ScanToken { start = 1; end = 2; token = 4; keyword_kind = 5 }); only those
/// varint fields are read, so a small decoder is enough.
enum PostgresScanner {
    static func tokens(_ sql: String) throws(SQLParseError) -> [SQLToken] {
        let result = pg_query_scan(sql)
        defer { pg_query_free_scan_result(result) }
        if let error = result.error { throw SQLParseError(error.pointee, in: sql) }
        let bytes = UnsafeRawBufferPointer(start: result.pbuf.data, count: Int(result.pbuf.len))
        let utf8 = Array(sql.utf8)
        var tokens: [SQLToken] = []
        var reader = ProtobufReader(bytes)
        while let (field, wire) = reader.key() {
            guard field == 2, wire == 2, let length = reader.varint() else {
                guard reader.skip(wire: wire) else { break }
                continue
            }
            var token = ProtobufReader(reader.take(Int(length)))
            var start = 0
            var end = 0
            var keywordKind = 0
            while let (tokenField, tokenWire) = token.key() {
                guard tokenWire == 0, let value = token.varint() else {
                    guard token.skip(wire: tokenWire) else { break }
                    continue
                }
                switch tokenField {
                case 1: start = Int(value)
                case 2: end = Int(value)
                case 5: keywordKind = Int(value)
                default: break
                }
            }
            guard start >= 0, end <= utf8.count, start < end else { continue }
            let text = String(decoding: utf8[start..<end], as: UTF8.self)
            // Comments are tokens of their own in the scan (SQL_COMMENT, C_COMMENT).
            let kind: SQLToken.Kind =
                text.hasPrefix("--") || text.hasPrefix("/*")
                ? .comment : keywordKind != 0 ? .keyword : SQLToken.kind(of: text)
            tokens.append(SQLToken(text: text, kind: kind, range: start..<end))
        }
        return tokens
    }
}

/// Just enough protobuf: varints, and skipping the other wire types.
private struct ProtobufReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }

    mutating func key() -> (field: UInt64, wire: UInt64)? {
        guard offset < bytes.count, let key = varint() else { return nil }
        return (key >> 3, key & 7)
    }

    mutating func take(_ count: Int) -> UnsafeRawBufferPointer {
        let end = min(bytes.count, offset + max(0, count))
        defer { offset = end }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
    }

    /// Skips a field's value; false for wire types this decoder does not know (stop reading).
    mutating func skip(wire: UInt64) -> Bool {
        switch wire {
        case 0: return varint() != nil
        case 1: _ = take(8)
        case 2:
            guard let length = varint() else { return false }
            _ = take(Int(length))
        case 5: _ = take(4)
        default: return false
        }
        return true
    }
}
