import AdvisorCore

/// Reads EXPLAIN JSON from PostgreSQL, MySQL 8 and MariaDB into the engine-neutral `Plan`.
public enum PlanParser {
    /// Parses `EXPLAIN (FORMAT JSON)` / `EXPLAIN FORMAT=JSON` / `ANALYZE FORMAT=JSON` / auto_explain output.
    public static func parse(json: String, engine: Engine) throws(PlanParseError) -> Plan {
        guard json.contains(where: { !$0.isWhitespace }) else { throw .empty }
        let value = try JSONValue.decode(json)
        switch engine {
        case .postgres: return try PostgresPlanReader.plan(from: value)
        case .mysql, .mariadb: return try MySQLPlanReader(engine: engine).plan(from: value)
        }
    }

    /// The plan as an indented tree, one node per line (same as `plan.summary`).
    public static func summary(_ plan: Plan) -> String {
        plan.summary
    }
}
