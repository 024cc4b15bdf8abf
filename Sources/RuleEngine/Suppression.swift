import AdvisorCore

/// A `.dbadvisor.yml` `suppress:` entry: findings matching every given field are dropped.
public struct Suppression: Equatable, Sendable {
    /// Rule id (or alias); any rule when `nil`.
    public var rule: String?
    /// Query group fingerprint id.
    public var fingerprint: String?
    /// Table name, optionally `schema.table`.
    public var table: String?

    public init(rule: String? = nil, fingerprint: String? = nil, table: String? = nil) {
        self.rule = rule
        self.fingerprint = fingerprint
        self.table = table
    }

    /// Whether `finding` (of the rule with these ids) is suppressed.
    func matches(_ finding: Finding, ruleIDs: Set<String>) -> Bool {
        if let rule, !ruleIDs.contains(rule) { return false }
        if let fingerprint, finding.fingerprint != fingerprint { return false }
        if let table {
            guard let found = finding.table else { return false }
            let bare = table.split(separator: ".").last.map(String.init) ?? table
            guard
                found.caseInsensitiveCompare(table) == .orderedSame
                    || found.caseInsensitiveCompare(bare) == .orderedSame
            else { return false }
        }
        return true
    }
}
