import AdvisorCore

/// MySQL and MariaDB statements, read by a tokenizer and parser written here (no MySQL parser
/// library is packaged for us).
public enum MySQLParser {
    /// pt-query-digest-compatible fingerprint; never fails (any text has a fingerprint).
    ///
    /// `normalized` is byte for byte what pt-query-digest's `QueryRewriter::fingerprint` prints and
    /// `id` is its query id: the MD5 of that text as 32 upper-case hex digits (the report's
    /// `ID 0x…` without `0x`, the JSON output's `checksum`).
    public static func fingerprint(of sql: String) -> Fingerprint {
        let text = PerconaFingerprint.fingerprint(Array(sql.utf8))
        return Fingerprint(id: MD5.uppercaseHex(text), normalized: String(decoding: text, as: UTF8.self))
    }

    /// Where pt-query-digest cuts a multi-row `INSERT`/`REPLACE` before fingerprinting it: the index
    /// of its first tuple's `)`, nil when it is not cut. Statements equal up to there (and without
    /// `/*`, which the toolkit-tag test reads in the whole text) have equal fingerprints.
    public static func multiRowInsertFirstTupleEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        PerconaFingerprint.firstTupleEnd(ofMultiRowInsert: bytes)
    }

    /// The index-relevant shape of the first statement in `sql`; statements other than DML
    /// (SET, SHOW, USE, BEGIN, DDL, `administrator command: …`) have `kind: .other`.
    public static func shape(of sql: String) throws(SQLParseError) -> QueryShape {
        MySQLShapeWalker.shape(of: try MySQLStatementParser.parse(sql))
    }

    /// Splits a script into statements (`;`, `DELIMITER` lines of the mysql client, comments, quotes, backticks).
    public static func split(_ script: String) throws(SQLParseError) -> [String] {
        var splitter = MySQLScriptSplitter(script)
        return try splitter.split()
    }
}
