import AdvisorCore
import Foundation

/// The read-only, time-limited statement that samples one column (see `ColumnSample`).
///
/// The sample is either the first `limit` rows the table returns (tables up to the row limit, read
/// whole, and tables without a single integer primary key), or `limit` rows spread over evenly
/// spaced ranges of an integer primary key, each range read from its start through the key (an index
/// range, so the server reads about `limit` rows whatever the table's size).
/// The time limit is statement-scoped on both engines: MariaDB's `SET STATEMENT max_statement_time=s
/// FOR …` (10.1+) and MySQL's `MAX_EXECUTION_TIME(ms)` optimizer hint (5.7.8+, SELECT only); neither
/// changes the session.
struct ColumnSampleQuery: Equatable {
    enum Plan: Equatable {
        /// The first `limit` rows in the table's scan order.
        case firstRows(limit: Int)
        /// Up to `perRange` rows from each `[lower, upper)` range of `key` (the last has no upper bound).
        case keyRanges(key: String, bounds: [Int64], perRange: Int)
    }

    var database: String
    var table: String
    var column: String
    var plan: Plan

    /// `count` evenly spaced range starts from `minimum` to `maximum`, without repeats.
    static func rangeStarts(minimum: Int64, maximum: Int64, count: Int) -> [Int64] {
        guard maximum > minimum, count > 1 else { return [minimum] }
        let span = Double(maximum) - Double(minimum)
        var starts: [Int64] = []
        for i in 0..<count {
            let start = minimum + Int64((span * Double(i) / Double(count)).rounded(.down))
            if starts.last != start { starts.append(start) }
        }
        return starts
    }

    /// The sample's rows as `v`.
    var sampleSQL: String {
        let source = "\(Self.quote(database)).\(Self.quote(table))"
        let value = "\(Self.quote(column)) AS v"
        switch plan {
        case .firstRows(let limit):
            return "SELECT \(value) FROM \(source) LIMIT \(limit)"
        case .keyRanges(let key, let bounds, let perRange):
            let k = Self.quote(key)
            return bounds.enumerated().map { i, lower in
                let upper = i + 1 < bounds.count ? " AND \(k) < \(bounds[i + 1])" : ""
                return "(SELECT \(value) FROM \(source) WHERE \(k) >= \(lower)\(upper) ORDER BY \(k) LIMIT \(perRange))"
            }.joined(separator: " UNION ALL ")
        }
    }

    /// The counting statement, limited to `timeoutSeconds` on `engine`.
    func sql(engine: Engine, timeoutSeconds: Double) -> String {
        let hint = engine == .mysql ? "/*+ MAX_EXECUTION_TIME(\(max(1, Int(timeoutSeconds * 1000)))) */ " : ""
        let select = """
            SELECT \(hint)COALESCE(SUM(cnt), 0) AS sample_rows,
                   COALESCE(SUM(CASE WHEN v IS NULL THEN cnt ELSE 0 END), 0) AS null_rows,
                   COALESCE(SUM(v IS NOT NULL), 0) AS distinct_values,
                   COALESCE(SUM(v IS NOT NULL AND cnt = 1), 0) AS singletons
            FROM (SELECT v, COUNT(*) AS cnt FROM (\(sampleSQL)) AS sampled GROUP BY v) AS grouped
            """
        guard engine != .mysql else { return select }
        return "SET STATEMENT max_statement_time = \(Figures.decimal(max(0.001, timeoutSeconds), places: 3)) FOR "
            + select
    }

    static func quote(_ identifier: String) -> String {
        "`" + identifier.replacingOccurrences(of: "`", with: "``") + "`"
    }
}
