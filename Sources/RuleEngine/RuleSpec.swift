import AdvisorCore

/// One rule as declared in `rules/<category>/<id>.yml`.
public struct RuleSpec: Equatable, Sendable, Decodable {
    /// Stable kebab-case id, equal to the file name.
    public var id: String
    /// One line for lists.
    public var title: String
    /// Severity of its findings (configurable).
    public var severity: Severity
    /// Engines the rule applies to; it is skipped on the others.
    public var engines: [Engine]
    /// Name of the `Check` that implements it.
    public var check: String
    /// Parameters with their defaults (overridable in `.dbadvisor.yml`).
    public var params: RuleParams
    /// The problem and the fix, a short paragraph.
    public var rationale: String
    /// Former ids, still accepted in configuration.
    public var aliases: [String]
    /// Inputs with the findings they must produce; run as tests and rendered into `rules/README.md`.
    /// Empty when the rule was loaded without them (`RuleCatalog.builtInSpecs(withExamples: false)`).
    public var examples: [RuleExample]
    /// Directory under `rules/` (`scans`, `indexes`, …); set by the loader, not written in the file.
    public var category: String
    /// Whether the rule runs (configurable).
    public var isEnabled: Bool

    public init(
        id: String, title: String, severity: Severity, engines: [Engine], check: String,
        params: RuleParams = RuleParams(), rationale: String, aliases: [String] = [], examples: [RuleExample] = [],
        category: String = "", isEnabled: Bool = true
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.engines = engines
        self.check = check
        self.params = params
        self.rationale = rationale
        self.aliases = aliases
        self.examples = examples
        self.category = category
        self.isEnabled = isEnabled
    }

    enum CodingKeys: String, CodingKey {
        case id, title, severity, engines, check, params, rationale, aliases, examples
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id),
            title: try container.decode(String.self, forKey: .title),
            severity: try container.decode(Severity.self, forKey: .severity),
            engines: try container.decode([Engine].self, forKey: .engines),
            check: try container.decode(String.self, forKey: .check),
            params: try container.decodeIfPresent(RuleParams.self, forKey: .params) ?? RuleParams(),
            rationale: try container.decode(String.self, forKey: .rationale),
            aliases: try container.decodeIfPresent([String].self, forKey: .aliases) ?? [],
            examples: decoder.userInfo[Self.skipsExamples] as? Bool == true
                ? [] : try container.decodeIfPresent([RuleExample].self, forKey: .examples) ?? [])
    }

    /// Decoder option: leave `examples` out (most of a rule file's decoding, which runs that only
    /// show rules do not need).
    static let skipsExamples = CodingUserInfoKey(rawValue: "dbadvisor.skipsExamples")!
}
