import AdvisorCore
import CLibPQ

extension QueryResult {
    /// Copies a successful `PGresult` into values; the caller still owns (and clears) `result`.
    ///
    /// Results are requested in text format, so every value is the server's text output;
    /// `PQgetisnull` tells SQL NULL apart from an empty string (both are "" in `PQgetvalue`).
    init(libpq result: OpaquePointer) {
        let rowCount = PQntuples(result)
        let columnCount = PQnfields(result)
        let columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        let rows = (0..<rowCount).map { row in
            (0..<columnCount).map { column -> String? in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            }
        }
        // PQcmdTuples is "" for commands that report no count (CREATE, SET, BEGIN, …).
        let affected = Int(String(cString: PQcmdTuples(result)))
        self.init(columns: columns, rows: rows, affectedRows: affected)
    }
}
