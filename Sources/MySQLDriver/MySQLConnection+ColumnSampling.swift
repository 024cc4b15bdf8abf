import AdvisorCore
import Foundation

extension MySQLConnection {
    /// Rows `sampleColumnStatistics` reads per column unless told otherwise.
    public static let defaultSampleRows = 100_000
    /// Seconds each sampling statement may run unless told otherwise.
    public static let defaultSampleTimeoutSeconds = 5.0
    /// Primary-key ranges a large table's sample is spread over.
    static let sampleRanges = 10

    /// Estimates distinct values and the NULL fraction of the `columns` that have no distinct count
    /// in `schema` (no MariaDB `mysql.column_stats` row, no full MySQL histogram), from a bounded
    /// sample of at most `maxRows` rows each, and returns the schema with them filled in.
    ///
    /// Tables of up to `maxRows` rows (by their estimate) are read whole, so their counts are exact.
    /// Larger ones are sampled over evenly spaced ranges of an integer primary key (else their
    /// first rows) and the count is scaled with PostgreSQL's Duj1 estimator (`DistinctEstimator`).
    /// Only SELECTs are sent, each limited to `timeoutSeconds` by the server; a column whose
    /// statement times out or fails is left as it was and named in `notes`. Columns not attributed
    /// to a table of `schema` are noted and skipped.
    public func sampleColumnStatistics(
        _ schema: Schema, columns: [ColumnReference], maxRows: Int = defaultSampleRows,
        timeoutSeconds: Double = defaultSampleTimeoutSeconds
    ) throws(DriverError) -> ColumnSampling {
        var result = ColumnSampling(schema: schema)
        let limit = max(1, maxRows)
        var wanted: [Int: [Int]] = [:]
        for reference in Set(columns).sorted() {
            guard let tableName = reference.table,
                let t = schema.tables.firstIndex(where: { $0.name.caseInsensitiveCompare(tableName) == .orderedSame }),
                let c = schema.tables[t].columns.firstIndex(where: {
                    $0.name.caseInsensitiveCompare(reference.column) == .orderedSame
                })
            else {
                result.notes.append("\(reference): not a column of a table in \(schema.database); not sampled")
                continue
            }
            guard schema.tables[t].columns[c].statistics?.distinctValues == nil, !(wanted[t]?.contains(c) ?? false)
            else { continue }
            wanted[t, default: []].append(c)
        }
        for t in wanted.keys.sorted() {
            let table = schema.tables[t]
            let plan: ColumnSampleQuery.Plan
            do {
                plan = try samplePlan(for: table, limit: limit, timeoutSeconds: timeoutSeconds)
            } catch  where error.kind == .queryFailed {
                result.notes.append("\(table.name): not sampled (\(Self.reason(error)))")
                continue
            }
            for c in wanted[t, default: []].sorted() {
                let column = table.columns[c]
                let reference = ColumnReference(table: table.name, column: column.name)
                let statement = ColumnSampleQuery(
                    database: table.schema, table: table.name, column: column.name, plan: plan)
                do {
                    let rows = try query(statement.sql(engine: engine, timeoutSeconds: timeoutSeconds)).namedRows
                    guard let sample = rows.first.flatMap(ColumnSample.init) else { continue }
                    let complete: Bool
                    switch plan {
                    case .firstRows(let rows): complete = sample.rows < Double(rows)
                    case .keyRanges(_, _, let perRange): complete = sample.rows < Double(perRange)
                    }
                    let estimate = sample.statistics(tableRows: table.estimatedRows, complete: complete)
                    var statistics = column.statistics ?? ColumnStatistics()
                    statistics.distinctValues = estimate.distinct
                    if statistics.nullFraction == nil { statistics.nullFraction = estimate.nullFraction }
                    result.schema.tables[t].columns[c].statistics = statistics
                    result.sampled.append(reference)
                } catch  where error.kind == .queryFailed {
                    result.notes.append("\(reference): not sampled (\(Self.reason(error)))")
                }
            }
        }
        return result
    }

    /// How to sample `table`: whole (when it is small or has no integer primary key, its first
    /// `limit` rows) or spread over ranges of its integer primary key.
    private func samplePlan(for table: Table, limit: Int, timeoutSeconds: Double) throws(DriverError)
        -> ColumnSampleQuery.Plan
    {
        guard let rows = table.estimatedRows, rows > Double(limit), let key = table.primaryKey?.keyColumns,
            key.count == 1, !key[0].isExpression,
            let keyColumn = table.column(named: key[0].name), keyColumn.dataType.lowercased().contains("int")
        else { return .firstRows(limit: limit) }
        let name = ColumnSampleQuery.quote(keyColumn.name)
        let source = "\(ColumnSampleQuery.quote(table.schema)).\(ColumnSampleQuery.quote(table.name))"
        // MIN and MAX of an index's first column are read from the ends of the index.
        let sql = "SELECT MIN(\(name)) AS lo, MAX(\(name)) AS hi FROM \(source)"
        let row = try query(sql).namedRows.first
        guard let lo = row?["lo"].flatMap({ Int64($0) }), let hi = row?["hi"].flatMap({ Int64($0) }) else {
            return .firstRows(limit: limit)
        }
        let starts = ColumnSampleQuery.rangeStarts(minimum: lo, maximum: hi, count: Self.sampleRanges)
        return .keyRanges(key: keyColumn.name, bounds: starts, perRange: max(1, limit / starts.count))
    }

    /// A short reason for a note: timeouts by name (MariaDB ER_STATEMENT_TIMEOUT 1969, MySQL
    /// ER_QUERY_TIMEOUT 3024), else the server's message.
    private static func reason(_ error: DriverError) -> String {
        switch error.code {
        case 1969, 3024: "the sampling statement ran out of time"
        default: error.message
        }
    }
}
