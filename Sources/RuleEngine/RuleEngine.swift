import AdvisorCore
import Foundation

/// Runs the rules over a context: applies `.dbadvisor.yml`, runs each enabled rule's check on its
/// engines, drops suppressed findings, and orders the rest deterministically.
///
/// The CLI calls `try RuleEngine(configurationYAML: text).findings(in: context)`.
public struct RuleEngine: Sendable {
    /// Every rule with the configuration applied (disabled ones included, for `dbadvisor rules list`).
    public let rules: [RuleSpec]
    public let suppressions: [Suppression]
    private let checks: [String: any Check]

    /// The checks that implement the built-in rules.
    public static let builtInChecks: [any Check] = [
        FullTableScanCheck(), MissingCompositeIndexCheck(), MissingCoveringIndexCheck(), SortWithoutIndexCheck(),
        RowsExaminedCheck(), NPlusOneCheck(),
        NonSargablePredicateCheck(), RedundantIndexCheck(), UnusedIndexCheck(), ForeignKeyWithoutIndexCheck(),
    ]

    /// The built-in rules with the configuration text of `.dbadvisor.yml` (`nil` or empty: defaults);
    /// `withExamples: false` loads the rules without their examples (`RuleSpec.examples`), which
    /// applying them does not need.
    public init(configurationYAML: String? = nil, withExamples: Bool = true) throws(RuleEngineError) {
        let configuration = try RuleConfiguration(yaml: configurationYAML ?? "")
        try self.init(specs: RuleCatalog.builtInSpecs(withExamples: withExamples), configuration: configuration)
    }

    /// Given rules and checks; throws when a rule names an unknown check or the configuration names
    /// an unknown rule, key or parameter, or gives a parameter a value of the wrong type.
    public init(
        specs: [RuleSpec], checks: [any Check] = RuleEngine.builtInChecks,
        configuration: RuleConfiguration = RuleConfiguration()
    ) throws(RuleEngineError) {
        self.checks = Dictionary(checks.map { (type(of: $0).name, $0) }, uniquingKeysWith: { first, _ in first })
        for spec in specs where self.checks[spec.check] == nil && !Self.migrationCheckNames.contains(spec.check) {
            throw .unknownCheck(rule: spec.id, check: spec.check)
        }
        var rules = specs
        func index(of id: String) -> Int? {
            rules.firstIndex { $0.id == id || $0.aliases.contains(id) }
        }
        for (id, override) in configuration.rules {
            guard let at = index(of: id) else {
                throw .invalidConfiguration(
                    key: "rules.\(id)", message: "unknown rule (see `dbadvisor rules list`)")
            }
            if let enabled = override.isEnabled { rules[at].isEnabled = enabled }
            if let severity = override.severity { rules[at].severity = severity }
            for name in override.params.keys.sorted() {
                let key = "rules.\(id).params.\(name)"
                guard let current = rules[at].params.values[name] else {
                    let known = rules[at].params.names.joined(separator: ", ")
                    throw .invalidConfiguration(
                        key: key, message: "unknown parameter (known: \(known.isEmpty ? "none" : known))")
                }
                guard let value = current.accepts(override.params[name]!) else {
                    throw .invalidConfiguration(key: key, message: "expected \(current.typeDescription)")
                }
                rules[at].params.values[name] = value
            }
        }
        for (number, suppression) in configuration.suppressions.enumerated() {
            if let rule = suppression.rule, index(of: rule) == nil {
                throw .invalidConfiguration(key: "suppress[\(number)].rule", message: "unknown rule '\(rule)'")
            }
        }
        self.rules = rules
        self.suppressions = configuration.suppressions
    }

    /// The enabled rules' findings for `context`, suppressions applied, in report order.
    public func findings(in context: RuleContext) -> [Finding] {
        // The rules side by side: on a busy log the N+1 findings are most of the time after
        // reading, and the other rules waited for them on one core.
        let out = enabledFindings(of: checks, on: context.engine, finding: \.self, concurrently: true) {
            check, spec in check.findings(in: context, spec: spec)
        }
        return Self.sorted(out, in: context)
    }

    /// What `run` finds with each enabled rule on `engine` whose check is one of `checks` (by
    /// name), less the findings `.dbadvisor.yml` suppresses, in rule order (also when the rules
    /// run `concurrently`, each on a thread of its own: `run` must then be safe to call from
    /// several). Query, migration and regression rules all go through here.
    func enabledFindings<Check, Located>(
        of checks: [String: Check], on engine: Engine, finding: (Located) -> Finding, concurrently: Bool = false,
        _ run: (Check, RuleSpec) -> [Located]
    ) -> [Located] {
        let enabled = rules.compactMap { spec -> (check: Check, spec: RuleSpec)? in
            guard spec.isEnabled && spec.engines.contains(engine), let check = checks[spec.check] else { return nil }
            return (check, spec)
        }
        func findings(_ rule: (check: Check, spec: RuleSpec)) -> [Located] {
            let ids = Set([rule.spec.id] + rule.spec.aliases)
            return run(rule.check, rule.spec).filter { located in
                !suppressions.contains { $0.matches(finding(located), ruleIDs: ids) }
            }
        }
        let threads = concurrently && Parallel.defaultThreads > 1 ? enabled.count : 1
        return Parallel.map(enabled, threads: threads) { slice in slice.flatMap(findings) }
    }

    /// Report order: severity (highest first), then share of workload time (largest first), then
    /// rule id, table, fingerprint and message, so equal inputs always print the same.
    public static func sorted(_ findings: [Finding], in context: RuleContext) -> [Finding] {
        let shares = Dictionary(
            context.queries.map { ($0.group.fingerprint.id, context.timeShare(of: $0.group)) },
            uniquingKeysWith: { first, _ in first })
        // Each finding's share looked up once, and indices sorted rather than the findings: a
        // lookup per comparison and moving whole findings were most of the sort on a log with
        // hundreds of loops.
        let share = findings.map { finding in finding.fingerprint.flatMap { shares[$0] } ?? 0 }
        let order = findings.withUnsafeBufferPointer { f in
            findings.indices.sorted { i, j in
                if f[i].severity != f[j].severity { return f[i].severity > f[j].severity }
                if share[i] != share[j] { return share[i] > share[j] }
                if f[i].ruleID != f[j].ruleID { return f[i].ruleID < f[j].ruleID }
                if f[i].table != f[j].table { return (f[i].table ?? "") < (f[j].table ?? "") }
                if f[i].fingerprint != f[j].fingerprint { return (f[i].fingerprint ?? "") < (f[j].fingerprint ?? "") }
                return f[i].message < f[j].message
            }
        }
        return order.map { findings[$0] }
    }
}
