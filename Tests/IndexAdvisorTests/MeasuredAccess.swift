import Foundation

/// What one execution really read on MariaDB, from `ANALYZE FORMAT=JSON` (the statement runs).
///
/// `rowsExamined` is what the slow log's Rows_examined counts: Σ r_loops × r_rows over the table
/// accesses plus the rows read back from a filesort (`read_sorted_file.r_rows`); checked against
/// the shop workload's slow log (2,003 + 68 = 2,071; 400,017 + 100). `clusteredVisits` are the
/// rows read through a secondary index without `using_index`, each one clustered-index lookup.
/// `pagesAccessed` is InnoDB's own count (`r_engine_stats.pages_accessed`), independent of any model.
struct MeasuredAccess: Equatable {
    var rowsExamined = 0.0
    var clusteredVisits = 0.0
    var pagesAccessed = 0.0

    /// The cost model's unit, measured: rows examined + clustered-index visits.
    var rowVisits: Double { rowsExamined + clusteredVisits }

    init() {}

    /// Reads the figures from the JSON text of `ANALYZE FORMAT=JSON`.
    init(analyzeJSON text: String) throws {
        let root = try JSONSerialization.jsonObject(with: Data(text.utf8))
        visit(root)
    }

    static func + (a: MeasuredAccess, b: MeasuredAccess) -> MeasuredAccess {
        var sum = a
        sum.rowsExamined += b.rowsExamined
        sum.clusteredVisits += b.clusteredVisits
        sum.pagesAccessed += b.pagesAccessed
        return sum
    }

    func scaled(_ factor: Double) -> MeasuredAccess {
        var copy = self
        copy.rowsExamined *= factor
        copy.clusteredVisits *= factor
        copy.pagesAccessed *= factor
        return copy
    }

    private mutating func visit(_ node: Any) {
        if let list = node as? [Any] {
            for item in list { visit(item) }
            return
        }
        guard let object = node as? [String: Any] else { return }
        for (key, value) in object {
            if key == "table", let table = value as? [String: Any] {
                let rows = Self.number(table["r_loops"]) * Self.number(table["r_rows"])
                rowsExamined += rows
                let key = table["key"] as? String
                let usingIndex = table["using_index"] as? Bool ?? false
                if let key, key != "PRIMARY", !usingIndex, table["access_type"] as? String != "ALL" {
                    clusteredVisits += rows
                }
                pagesAccessed += Self.number((table["r_engine_stats"] as? [String: Any])?["pages_accessed"])
            } else if key == "read_sorted_file", let sorted = value as? [String: Any] {
                rowsExamined += Self.number(sorted["r_rows"])
            }
            visit(value)
        }
    }

    private static func number(_ value: Any?) -> Double {
        (value as? NSNumber)?.doubleValue ?? (value as? String).flatMap(Double.init) ?? 0
    }
}
