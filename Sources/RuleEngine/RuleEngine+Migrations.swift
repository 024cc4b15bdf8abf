import AdvisorCore

extension RuleEngine {
    /// The checks that implement the built-in migration lint rules.
    public static let builtInMigrationChecks: [any MigrationCheck] = [
        ConcurrentIndexCreationCheck(), ConcurrentIndexInTransactionCheck(), ConcurrentIndexDeletionCheck(),
        OnlineIndexAlgorithmCheck(), RedundantNewIndexCheck(), WideNewIndexCheck(), NewForeignKeyIndexCheck(),
    ]

    /// The checks that implement the built-in workload regression rules.
    public static let builtInRegressionChecks: [any RegressionCheck] = [PlanRegressionCheck(), UnusedNewIndexCheck()]

    /// Names of the migration and regression checks, which rule files may name in `check:` like query checks.
    static var migrationCheckNames: Set<String> {
        Set(builtInMigrationChecks.map { type(of: $0).name } + builtInRegressionChecks.map { type(of: $0).name })
    }

    /// The enabled migration rules' findings for `context`, suppressions applied, ordered by file,
    /// line, then severity (highest first) and rule id.
    public func migrationFindings(in context: MigrationContext) -> [MigrationFinding] {
        let checks = Dictionary(
            Self.builtInMigrationChecks.map { (type(of: $0).name, $0) }, uniquingKeysWith: { first, _ in first })
        var out: [MigrationFinding] = []
        for spec in rules where spec.isEnabled && spec.engines.contains(context.engine) {
            guard let check = checks[spec.check] else { continue }
            let ids = Set([spec.id] + spec.aliases)
            out += check.findings(in: context, spec: spec).filter { located in
                !suppressions.contains { $0.matches(located.finding, ruleIDs: ids) }
            }
        }
        let order = Dictionary(
            context.scripts.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        return out.sorted { a, b in
            let (fileA, fileB) = (order[a.path] ?? Int.max, order[b.path] ?? Int.max)
            if fileA != fileB { return fileA < fileB }
            if a.line != b.line { return a.line < b.line }
            if a.finding.severity != b.finding.severity { return a.finding.severity > b.finding.severity }
            if a.finding.ruleID != b.finding.ruleID { return a.finding.ruleID < b.finding.ruleID }
            return a.finding.message < b.finding.message
        }
    }

    /// The enabled regression rules' findings for `context`, suppressions applied, in query order.
    public func regressionFindings(in context: RegressionContext) -> [MigrationFinding] {
        let checks = Dictionary(
            Self.builtInRegressionChecks.map { (type(of: $0).name, $0) }, uniquingKeysWith: { first, _ in first })
        var out: [MigrationFinding] = []
        for spec in rules where spec.isEnabled && spec.engines.contains(context.engine) {
            guard let check = checks[spec.check] else { continue }
            let ids = Set([spec.id] + spec.aliases)
            out += check.findings(in: context, spec: spec).filter { located in
                !suppressions.contains { $0.matches(located.finding, ruleIDs: ids) }
            }
        }
        return out
    }

    /// Whether the rule is a migration lint rule (checked by `migrationFindings`, not `findings`).
    public static func isMigrationRule(_ spec: RuleSpec) -> Bool {
        builtInMigrationChecks.contains { type(of: $0).name == spec.check }
    }

    /// Whether the rule is a workload regression rule (checked by `regressionFindings`).
    public static func isRegressionRule(_ spec: RuleSpec) -> Bool {
        builtInRegressionChecks.contains { type(of: $0).name == spec.check }
    }
}
