/// A statement of a rule example that runs several (`statements:`), with its workload figures.
///
/// Written either as the SQL alone, whose figures then come from the example's session traces,
/// or as a map with `sql`, `calls`, `total_ms` and `rows` (an aggregate-only source such as
/// pg_stat_statements).
public struct ExampleStatement: Equatable, Sendable, Decodable {
    public var sql: String
    public var calls: Int?
    public var totalMs: Double?
    /// Rows returned or affected over all calls.
    public var rows: Int64?

    public init(sql: String, calls: Int? = nil, totalMs: Double? = nil, rows: Int64? = nil) {
        self.sql = sql
        self.calls = calls
        self.totalMs = totalMs
        self.rows = rows
    }

    enum CodingKeys: String, CodingKey {
        case sql, calls, rows
        case totalMs = "total_ms"
    }

    public init(from decoder: any Decoder) throws {
        if let sql = try? decoder.singleValueContainer().decode(String.self) {
            self.init(sql: sql)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            sql: try container.decode(String.self, forKey: .sql),
            calls: try container.decodeIfPresent(Int.self, forKey: .calls),
            totalMs: try container.decodeIfPresent(Double.self, forKey: .totalMs),
            rows: try container.decodeIfPresent(Int64.self, forKey: .rows))
    }
}
