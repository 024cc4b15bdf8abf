import AdvisorCore
import PlanParsing
import SQLParsing

/// Gives each query group of a workload its shape and its current plan, or the reason it has none.
///
/// Only the heaviest groups are planned (`limit`); the statement is planned, never executed.
/// When the server drops the connection, the remaining groups keep their shapes and say they were
/// not planned, and `connectionLost` holds the error, so the analysis goes on with what it has.
struct QueryPlanning {
    var connection: any DatabaseConnection
    var dialect: SQLDialect
    /// Most query groups to plan, heaviest first.
    var limit: Int
    /// The error that ended planning early, when the connection was lost.
    private(set) var connectionLost: DriverError?
    /// Tables of statements that waited out the lock timeout: a later statement on one of them is
    /// not planned, so a table another session holds (a migration, LOCK TABLES) costs one timeout,
    /// not one per statement. (Which of a join's tables was locked the error does not say.)
    private var lockedTables: Set<String> = []

    init(connection: any DatabaseConnection, dialect: SQLDialect, limit: Int) {
        self.connection = connection
        self.dialect = dialect
        self.limit = limit
    }

    mutating func analyze(_ workload: Workload) -> [AnalyzedQuery] {
        var planned = 0
        return workload.sorted().groups.map { group in
            let shape: QueryShape
            do {
                shape = try dialect.shape(of: group.sampleText)
            } catch {
                return AnalyzedQuery(group: group, shapeError: "\(error)", planError: "not parsed")
            }
            // Statements no index helps do not count against the limit.
            if let reason = Self.reasonNotToPlan(shape) {
                return AnalyzedQuery(group: group, shape: shape, planError: reason)
            }
            guard planned < limit else {
                return AnalyzedQuery(group: group, shape: shape, planError: "beyond the \(limit) heaviest queries")
            }
            if let lost = connectionLost {
                return AnalyzedQuery(
                    group: group, shape: shape, planError: "not planned: the connection was lost (\(lost.message))")
            }
            if let table = shape.tables.first(where: { lockedTables.contains(Self.key($0)) }) {
                return AnalyzedQuery(
                    group: group, shape: shape,
                    planError: "not planned: a statement before it on \(table.name) timed out waiting for a lock")
            }
            planned += 1
            return plan(group, shape: shape)
        }
    }

    private static func key(_ table: TableReference) -> String {
        "\(table.schema?.lowercased() ?? "").\(table.name.lowercased())"
    }

    private mutating func plan(_ group: QueryGroup, shape: QueryShape) -> AnalyzedQuery {
        var query = AnalyzedQuery(group: group, shape: shape)
        do {
            do {
                query.plan = try explain(group.sampleText, shape: shape)
            } catch let error as DriverError where error.isPermissionDenied {
                // Both engines check the statement's own privileges even for a plain EXPLAIN; the
                // SELECT that finds a write's rows has the same access path and needs only SELECT.
                guard let equivalent = dialect.readOnlyEquivalent(of: group.sampleText) else { throw error }
                query.plan = try explain(equivalent, shape: shape)
                query.plannedText = equivalent
            }
        } catch let error as DriverError where error.kind == .connectionLost {
            connectionLost = error
            query.planError = "not planned: the connection was lost (\(error.message))"
        } catch let error as DriverError where error.isPermissionDenied {
            // Both engines check the statement's own privileges even for a plain EXPLAIN.
            query.planError =
                "the role may not plan it (\(error.sqlState ?? "permission denied")); use a role with the statement's privileges"
        } catch let error as DriverError {
            if error.isLockTimeout {
                lockedTables.formUnion(shape.tables.map(Self.key))
            }
            query.planError = "could not be planned: \(error.message)"
        } catch {
            query.planError = "plan not readable: \(error)"
        }
        return query
    }

    private func explain(_ sql: String, shape: QueryShape) throws -> Plan {
        let json = try connection.explainJSON(sql)
        return try PlanParser.parse(json: json, engine: connection.engine).resolvingAliases(shape.tables)
    }

    /// Statements no index helps, or that only touch system catalogs.
    static func reasonNotToPlan(_ shape: QueryShape) -> String? {
        guard shape.kind != .other else { return "not a query (utility or session statement)" }
        guard !shape.tables.isEmpty else { return "reads no table" }
        let system: Set<String> = ["pg_catalog", "information_schema", "mysql", "performance_schema", "sys"]
        if shape.tables.allSatisfy({ t in t.schema.map { system.contains($0.lowercased()) } ?? t.name.hasPrefix("pg_") }
        ) {
            return "reads only system catalogs"
        }
        if shape.kind == .insert && shape.predicates.isEmpty && shape.joins.isEmpty {
            return "an INSERT with no filter or join for an index to serve (VALUES, or a SELECT of whole tables)"
        }
        return nil
    }
}
