import AdvisorCore
import Foundation
import Migrations
import Reports
import RuleEngine

/// `check` from inputs to report: reads the migrations, lints the ones under review over the
/// catalog they apply to, and with a scratch server compares the workload's plans before and after.
struct CheckRun {
    var engine: Engine
    var migrationsDirectory: String
    var layout: MigrationLayout?
    /// Migrations with a version above this one are under review; all of them when `nil`.
    var since: String?
    var rules: RuleEngine
    /// The scratch server, for the catalog and the workload regression; lint only when `nil`.
    var connection: (any DatabaseConnection)?
    var workloadPath: String?
    /// The scratch database is empty: apply the migrations up to `since` there first.
    var applyHistory = false
    /// Representative data to load after the history, before planning.
    var seedPath: String?

    func run() throws -> CheckReport {
        let scripts: [MigrationScript]
        do {
            scripts = try MigrationReader.read(directory: migrationsDirectory, engine: engine, layout: layout)
        } catch {
            throw CommandFailure(
                exitCode: CommandFailure.usageError, error.errors.map(\.description).joined(separator: "\nerror: "))
        }
        let reviewed = scripts.filter(isReviewed)
        var notes: [String] = []
        if reviewed.isEmpty {
            notes.append("no migration in \(migrationsDirectory) is newer than --since \(since ?? "")")
        }
        // With a server, its catalog is the state before the reviewed migrations; without one, the
        // older migrations build that state.
        let schema = try connection?.readSchema() ?? Schema(engine: engine, serverVersion: "", database: "", tables: [])
        let context = MigrationContext(
            engine: engine, schema: schema, scripts: connection == nil || applyHistory ? scripts : reviewed,
            reviewed: since == nil ? nil : Set(reviewed.map(\.path)))
        var findings = rules.migrationFindings(in: context).map { located in
            CheckFinding(
                finding: located.finding,
                location: FileLocation(path: located.path, line: located.line, column: located.column))
        }
        var comparisons: [QueryComparison] = []
        if let connection, let workloadPath {
            let outcome = try WorkloadRegressionRun(
                connection: connection, scripts: reviewed,
                history: applyHistory ? scripts.filter { !isReviewed($0) } : [], seedPath: seedPath,
                workloadPath: workloadPath, rules: rules
            ).run()
            findings += outcome.findings
            comparisons = outcome.comparisons
            notes += outcome.notes
        } else if connection != nil {
            notes.append("no --workload given: the regression check needs the queries to compare")
        } else if workloadPath != nil {
            notes.append("--workload needs a scratch server (--dsn) to plan the queries: only the lint ran")
        }
        let regression = connection != nil && workloadPath != nil
        let ran = rules.rules.filter { spec in
            spec.isEnabled && spec.engines.contains(engine)
                && (RuleEngine.isMigrationRule(spec) || (regression && RuleEngine.isRegressionRule(spec)))
        }
        let described =
            ran.map { CheckRule(id: $0.id, title: $0.title, rationale: $0.rationale, severity: $0.severity) }
            + (regression ? [CheckRules.migrationFails] : [])
        return CheckReport(
            findings: findings, rules: described, migrationFiles: scripts.map(\.path), comparisons: comparisons,
            notes: notes, toolVersion: DBAdvisor.configuration.version)
    }

    private func isReviewed(_ script: MigrationScript) -> Bool {
        guard let since else { return true }
        return Self.versionKey(script.version).lexicographicallyPrecedes(Self.versionKey(since)) == false
            && Self.versionKey(script.version) != Self.versionKey(since)
    }

    /// `2.10` after `2.9`; an unversioned script (Flyway `R__`) after every version.
    static func versionKey(_ version: String) -> [Int] {
        let parts = version.split(whereSeparator: { $0 == "." || $0 == "_" }).map { Int($0) ?? 0 }
        return parts.isEmpty ? [Int.max] : parts
    }
}
