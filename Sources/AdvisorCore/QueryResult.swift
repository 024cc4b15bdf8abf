import Foundation

/// Rows returned by a driver: column names and text values (`nil` is SQL NULL).
///
/// Both engines' C clients hand back text; typed accessors convert on demand.
public struct QueryResult: Equatable, Sendable {
    public var columns: [String]
    public var rows: [[String?]]
    /// Rows changed by a command, when the server reports it.
    public var affectedRows: Int?

    public init(columns: [String], rows: [[String?]], affectedRows: Int? = nil) {
        self.columns = columns
        self.rows = rows
        self.affectedRows = affectedRows
    }

    /// Index of a column by name (case-insensitive), if present.
    public func columnIndex(_ name: String) -> Int? {
        columns.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// Each row as a `Row` with named, typed access.
    public var namedRows: [Row] {
        let index = Dictionary(columns.enumerated().map { ($1.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        return rows.map { Row(values: $0, index: index) }
    }

    /// One row with access by column name.
    public struct Row: Sendable {
        public let values: [String?]
        let index: [String: Int]

        /// Text value, or `nil` for NULL or an unknown column.
        public subscript(_ name: String) -> String? {
            guard let i = index[name.lowercased()], i < values.count else { return nil }
            return values[i]
        }
        public func int(_ name: String) -> Int? { self[name].flatMap { Int($0) } }
        public func double(_ name: String) -> Double? { self[name].flatMap { Double($0) } }
        /// Accepts PostgreSQL `t`/`f` and MySQL `1`/`0`, `YES`/`NO`.
        public func bool(_ name: String) -> Bool? {
            switch self[name]?.lowercased() {
            case "t", "true", "1", "yes", "y", "on": true
            case "f", "false", "0", "no", "n", "off": false
            default: nil
            }
        }
    }
}
