import AdvisorCore

extension RuleEngine {
    /// The checks that implement the built-in migration lint rules.
    public static let builtInMigrationChecks: [any MigrationCheck] = [
        ConcurrentIndexCreationCheck(), ConcurrentIndexInTransactionCheck(), ConcurrentIndexDeletionCheck(),
        OnlineIndexAlgorithmCheck(), RedundantNewIndexCheck(), WideNewIndexCheck(), NewForeignKeyIndexCheck(),
    ]

    /// The checks that implement the built-in workload regression rules.
    public static let builtInRegressionChecks: [any RegressionCheck] = [PlanRegressionCheck(), UnusedNewIndexCheck()]

    private static let migrationChecksByName = Dictionary(
        builtInMigrationChecks.map { (type(of: $0).name, $0) }, uniquingKeysWith: { first, _ in first })

    private static let regressionChecksByName = Dictionary(
        builtInRegressionChecks.map { (type(of: $0).name, $0) }, uniquingKeysWith: { first, _ in first })

    /// Names of the migration and regression checks, which rule files may name in `check:` like query checks.
    static var migrationCheckNames: Set<String> {
        Set(builtInMigrationChecks.map { type(of: $0).name } + builtInRegressionChecks.map { type(of: $0).name })
    }

    /// The enabled migration rules' findings for `context`, suppressions applied, ordered by file,
    /// line, then severity (highest first) and rule id.
    public func migrationFindings(in context: MigrationContext) -> [MigrationFinding] {
        let out = enabledFindings(
            of: Self.migrationChecksByName, on: context.engine, finding: \.finding
        ) { check, spec in
            check.findings(in: context, spec: spec)
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
        enabledFindings(
            of: Self.regressionChecksByName, on: context.engine, finding: \.finding
        ) { check, spec in
            check.findings(in: context, spec: spec)
        }
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
