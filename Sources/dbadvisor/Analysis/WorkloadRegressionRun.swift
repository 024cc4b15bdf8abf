import AdvisorCore
import Foundation
import LogParsing
import Migrations
import PlanParsing
import Reports
import RuleEngine
import SQLParsing

/// The workload half of `check`: plans every workload query on the scratch database, applies the
/// migrations under review there, plans again, and reports worse plans and new indexes no query uses.
///
/// The scratch database must be in the state before the migrations (a restored dump or the older
/// migrations applied, with representative data); it is changed, so it must be a throwaway one.
struct WorkloadRegressionRun {
    var connection: any DatabaseConnection
    /// The migrations to apply, in order.
    var scripts: [MigrationScript]
    /// Migrations that build the state before `scripts` on an empty scratch database (`--apply-history`).
    var history: [MigrationScript] = []
    /// A SQL file run after `history` and before planning: representative data (`--seed`).
    var seedPath: String?
    /// A `.sql` file or a folder of them.
    var workloadPath: String
    /// The rules with the configuration applied (`plan-regression`, `unused-new-index`).
    var rules: RuleEngine

    /// What the run found.
    struct Outcome {
        var comparisons: [QueryComparison] = []
        var findings: [CheckFinding] = []
        var notes: [String] = []
    }

    /// A planned workload query and where it comes from.
    private struct Query {
        var label: String
        var location: FileLocation?
        var sql: String
        var shape: QueryShape
        var before: Swift.Result<Plan, PlanFailure>
    }

    private struct PlanFailure: Error {
        var message: String
    }

    func run() throws -> Outcome {
        let dialect = SQLDialect(connection.engine)
        let workload: Workload
        do {
            workload = try WorkloadReader.readSQLFiles(path: workloadPath, dialect: dialect)
        } catch {
            throw CommandFailure(exitCode: CommandFailure.usageError, "\(error)")
        }
        var result = Outcome()
        result.notes += workload.diagnostics.map { "\($0.location): \($0.message)" }
        if let failure = try prepare() {
            result.findings.append(failure)
            result.notes.append("the workload was not compared: the scratch database could not be prepared")
            return result
        }
        var queries: [Query] = []
        for group in workload.groups {
            guard let shape = try? dialect.shape(of: group.sampleText),
                QueryPlanning.reasonNotToPlan(shape) == nil
            else { continue }
            let location = group.origins.first.flatMap(location(ofOrigin:))
            queries.append(
                Query(
                    label: location.map { "\($0.path):\($0.line)" } ?? group.fingerprint.id, location: location,
                    sql: group.sampleText, shape: shape, before: plan(group.sampleText, shape: shape)))
        }
        if let failure = try apply(scripts) {
            result.findings.append(failure)
            result.notes.append("the workload was not compared: a migration failed on the scratch server")
            return result
        }
        var planned: [RegressionQuery] = []
        for query in queries {
            let after = plan(query.sql, shape: query.shape)
            var comparison = QueryComparison(label: query.label, sql: query.sql, costBefore: nil, costAfter: nil)
            switch (query.before, after) {
            case (.success(let before), .success(let after)):
                comparison.basis = PlanComparison.cost(of: before)?.basis ?? comparison.basis
                comparison.costBefore = PlanComparison.cost(of: before)?.value
                comparison.costAfter = PlanComparison.cost(of: after)?.value
                comparison.accessBefore = PlanComparison.accessPaths(of: before)
                comparison.accessAfter = PlanComparison.accessPaths(of: after)
                planned.append(
                    RegressionQuery(
                        label: query.label, path: query.location?.path, line: query.location?.line, sql: query.sql,
                        before: before, after: after))
            case (.failure(let failure), _), (_, .failure(let failure)):
                comparison.problem = failure.message
            }
            result.comparisons.append(comparison)
        }
        let context = RegressionContext(engine: connection.engine, scripts: scripts, queries: planned)
        result.findings += rules.regressionFindings(in: context).map { located in
            CheckFinding(
                finding: located.finding,
                location: FileLocation(path: located.path, line: located.line, column: located.column))
        }
        return result
    }

    /// Builds the state before the migrations under review: the older migrations, then the seed,
    /// and ANALYZE so the planner has statistics of the seeded rows.
    private func prepare() throws -> CheckFinding? {
        if let failure = try apply(history) { return failure }
        guard let seedPath else { return nil }
        guard let data = FileManager.default.contents(atPath: seedPath) else {
            throw CommandFailure(exitCode: CommandFailure.usageError, "\(seedPath): no such seed file")
        }
        let seed: [DDLStatement]
        do {
            seed = try SQLDialect(connection.engine).ddlStatements(of: String(decoding: data, as: UTF8.self))
        } catch {
            throw CommandFailure(
                exitCode: CommandFailure.usageError, "\(seedPath):\(error.line ?? 1): \(error.message)")
        }
        let script = MigrationScript(
            path: seedPath, layout: .plain, version: "", statements: seed.map { MigrationStatement(statement: $0) })
        if let failure = try apply([script]) { return failure }
        let tables = Set(
            (history + scripts).flatMap(\.statements).flatMap(\.actions).compactMap { action -> String? in
                if case .createTable(let table) = action { return table.description }
                return nil
            })
        // Fresh rows have no statistics until ANALYZE; autovacuum would come too late for the plans.
        let statements =
            connection.engine.isMySQLFamily ? tables.sorted().map { "ANALYZE TABLE \($0)" } : ["ANALYZE"]
        for statement in statements { _ = try? connection.query(statement) }
        return nil
    }

    /// Runs the migrations' statements one by one, as their tools would; the first failure is a finding.
    private func apply(_ scripts: [MigrationScript]) throws -> CheckFinding? {
        for script in scripts {
            for statement in script.statements {
                do {
                    _ = try connection.query(statement.statement.text)
                } catch let error where error.kind == .connectionLost {
                    throw error
                } catch {
                    let rule = CheckRules.migrationFails
                    return CheckFinding(
                        finding: Finding(
                            ruleID: rule.id, severity: rule.severity,
                            message: "the statement fails on the scratch server: \(error.message)",
                            evidence: [
                                "\(script.path):\(statement.line): \(statement.statement.text.onOneLine.shortened(to: 160))",
                                "server: \(connection.serverLabel) (\(connection.serverVersion))",
                            ],
                            help: "fix the statement; the scratch database must be in the state before these migrations"
                        ),
                        location: FileLocation(path: script.path, line: statement.line, column: statement.column))
                }
            }
        }
        return nil
    }

    private func plan(_ sql: String, shape: QueryShape) -> Swift.Result<Plan, PlanFailure> {
        do {
            let json = try connection.explainJSON(sql)
            return .success(try PlanParser.parse(json: json, engine: connection.engine).resolvingAliases(shape.tables))
        } catch let error as DriverError {
            return .failure(PlanFailure(message: "could not be planned: \(error.message)"))
        } catch {
            return .failure(PlanFailure(message: "plan not readable: \(error)"))
        }
    }

    /// `orders.sql:3` of the workload reader, as a path from the working directory.
    private func location(ofOrigin origin: String) -> FileLocation? {
        guard let colon = origin.lastIndex(of: ":"), let line = Int(origin[origin.index(after: colon)...]) else {
            return nil
        }
        let name = String(origin[..<colon])
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: workloadPath, isDirectory: &isDirectory)
        let base = workloadPath.hasSuffix("/") ? String(workloadPath.dropLast()) : workloadPath
        return FileLocation(path: exists && isDirectory.boolValue ? "\(base)/\(name)" : base, line: line)
    }
}
