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
    /// Most query groups to plan, heaviest first.
    var limit: Int
    /// The error that ended planning early, when the connection was lost.
    private(set) var connectionLost: DriverError?

    init(connection: any DatabaseConnection, limit: Int) {
        self.connection = connection
        self.limit = limit
    }

    mutating func analyze(_ workload: Workload) -> [AnalyzedQuery] {
        var planned = 0
        return workload.sorted().groups.map { group in
            let shape: QueryShape
            do {
                shape = try PostgresParser.shape(of: group.sampleText)
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
            planned += 1
            return plan(group, shape: shape)
        }
    }

    private mutating func plan(_ group: QueryGroup, shape: QueryShape) -> AnalyzedQuery {
        var query = AnalyzedQuery(group: group, shape: shape)
        do {
            let json = try connection.explainJSON(group.sampleText)
            query.plan = try PlanParser.parse(json: json, engine: connection.engine).resolvingAliases(shape.tables)
        } catch let error as DriverError where error.kind == .connectionLost {
            connectionLost = error
            query.planError = "not planned: the connection was lost (\(error.message))"
        } catch let error as DriverError where error.isPermissionDenied {
            // Both engines check the statement's own privileges even for a plain EXPLAIN.
            query.planError =
                "the role may not plan it (\(error.sqlState ?? "permission denied")); use a role with the statement's privileges"
        } catch let error as DriverError {
            query.planError = "could not be planned: \(error.message)"
        } catch {
            query.planError = "plan not readable: \(error)"
        }
        return query
    }

    /// Statements no index helps, or that only touch system catalogs.
    static func reasonNotToPlan(_ shape: QueryShape) -> String? {
        guard shape.kind != .other else { return "not a query (utility or session statement)" }
        guard !shape.tables.isEmpty else { return "reads no table" }
        let system: Set<String> = ["pg_catalog", "information_schema"]
        if shape.tables.allSatisfy({ t in t.schema.map(system.contains) ?? t.name.hasPrefix("pg_") }) {
            return "reads only system catalogs"
        }
        if shape.kind == .insert && shape.predicates.isEmpty && shape.joins.isEmpty {
            return "an INSERT without a query part (no index makes it faster)"
        }
        return nil
    }
}
