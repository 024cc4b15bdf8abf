import Foundation

/// Decides which logged statements are application workload, for the server-side workload readers.
///
/// Like the PostgreSQL reader of pg_stat_statements, only statements an index can help are kept:
/// SELECT, INSERT, UPDATE, DELETE, REPLACE, TABLE and WITH (the verbs `ExplainableStatement` accepts).
/// SET, SHOW, DDL, EXPLAIN, administrator commands and statements that read the server's own
/// schemas (information_schema, performance_schema, mysql, sys: what dbadvisor itself sends) are
/// left out. The slow log and performance_schema keep no application name to tell them apart by.
enum WorkloadStatementFilter {
    /// Schemas whose tables belong to the server, not the application.
    static let systemSchemas = ["information_schema", "performance_schema", "mysql", "sys"]

    /// Statements the driver itself sends on every connection or schema read.
    static let driverStatements: Set<String> = ["select version()", Catalog.currentDatabase.lowercased()]

    /// Whether `text` is a workload statement (real text or a digest's normalized text).
    static func isWorkload(_ text: String) -> Bool {
        guard case .keyword(let verb) = ExplainableStatement.leadingKeyword(of: text),
            ExplainableStatement.verbs.contains(verb)
        else { return false }
        let folded = text.lowercased()
        if driverStatements.contains(folded.trimmingCharacters(in: .whitespacesAndNewlines)) { return false }
        return !referencesSystemSchema(folded)
    }

    /// Whether the lower-cased `text` names a table of a system schema: `mysql.slow_log`,
    /// `` `information_schema`.`COLUMNS` `` or a digest's `` `performance_schema` . `threads` ``.
    /// A name glued to a letter, digit, `_`, `@` or `.` on its left (`'a@mysql.com'`) does not count.
    static func referencesSystemSchema(_ folded: String) -> Bool {
        let scalars = Array(folded.unicodeScalars)
        for schema in systemSchemas {
            let name = Array(schema.unicodeScalars)
            var start = 0
            while start + name.count <= scalars.count {
                guard scalars[start..<start + name.count].elementsEqual(name) else {
                    start += 1
                    continue
                }
                var before = start - 1
                if before >= 0, scalars[before] == "`" { before -= 1 }
                var after = start + name.count
                if after < scalars.count, scalars[after] == "`" { after += 1 }
                while after < scalars.count, scalars[after] == " " { after += 1 }
                let gluedLeft =
                    before >= 0
                    && (scalars[before].properties.isAlphabetic || ("0"..."9").contains(scalars[before])
                        || "_@.".unicodeScalars.contains(scalars[before]))
                if !gluedLeft, after < scalars.count, scalars[after] == "." { return true }
                start += name.count
            }
        }
        return false
    }
}
