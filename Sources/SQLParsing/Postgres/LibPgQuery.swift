import CPgQuery

/// Swift calls into libpg_query. Each result is freed before returning, also on the error path;
/// libpg_query keeps its memory context per thread, so concurrent calls from different threads are safe.
enum LibPgQuery {
    /// The parse tree of `sql` as libpg_query's JSON text.
    static func parseTree(_ sql: String) throws(SQLParseError) -> String {
        let result = pg_query_parse(sql)
        defer { pg_query_free_parse_result(result) }
        if let error = result.error { throw SQLParseError(error.pointee, in: sql) }
        return String(cString: result.parse_tree)
    }

    /// libpg_query's fingerprint of `sql` as a hex string.
    static func fingerprint(_ sql: String) throws(SQLParseError) -> String {
        let result = pg_query_fingerprint(sql)
        defer { pg_query_free_fingerprint_result(result) }
        if let error = result.error { throw SQLParseError(error.pointee, in: sql) }
        return String(cString: result.fingerprint_str)
    }

    /// `sql` with its constants replaced by `$n` parameters, as pg_stat_statements shows it.
    static func normalize(_ sql: String) throws(SQLParseError) -> String {
        let result = pg_query_normalize(sql)
        defer { pg_query_free_normalize_result(result) }
        if let error = result.error { throw SQLParseError(error.pointee, in: sql) }
        return String(cString: result.normalized_query)
    }

    /// The statements of a script, as (UTF-8 byte offset, byte length) ranges.
    static func split(_ script: String) throws(SQLParseError) -> [Range<Int>] {
        let result = pg_query_split_with_parser(script)
        defer { pg_query_free_split_result(result) }
        if let error = result.error { throw SQLParseError(error.pointee, in: script) }
        return (0..<Int(result.n_stmts)).compactMap { index in
            guard let statement = result.stmts?[index]?.pointee else { return nil }
            let start = Int(statement.stmt_location)
            return start..<start + Int(statement.stmt_len)
        }
    }
}

extension SQLParseError {
    /// libpg_query's `cursorpos` is 1-based and counts characters; 0 means "no position".
    init(_ error: PgQueryError, in sql: String) {
        let message = error.message.map { String(cString: $0) } ?? "unknown parse error"
        let position = error.cursorpos > 0 ? Int(error.cursorpos) : nil
        self.init(message: message, position: position, in: sql)
    }
}
