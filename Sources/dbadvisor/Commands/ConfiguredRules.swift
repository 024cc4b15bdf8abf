import RuleEngine

/// The built-in rules with `--config` applied, beside their built-in form: what `dbadvisor rules` shows.
struct ConfiguredRules {
    /// Every rule, disabled ones included, in catalog order (category, then id).
    var rules: [RuleSpec]
    /// The rules as their files declare them, by id.
    var builtIn: [String: RuleSpec]
    /// The configuration file that was read; `nil` when the default file is absent.
    var configurationPath: String?

    /// Every rule for `rules list`; `detailed` adds rationale and examples.
    func descriptions(detailed: Bool) -> [RuleDescription] {
        rules.map { RuleDescription(configured: $0, builtIn: builtIn[$0.id] ?? $0, detailed: detailed) }
    }

    /// The rule with this id or alias, in full.
    func description(of idOrAlias: String) -> RuleDescription? {
        guard let rule = rules.first(where: { $0.id == idOrAlias || $0.aliases.contains(idOrAlias) }) else {
            return nil
        }
        return RuleDescription(configured: rule, builtIn: builtIn[rule.id] ?? rule, detailed: true)
    }

    /// Up to three rule ids nearest to a mistyped one, nearest first: by edit distance over ids and
    /// aliases (at most half the name's length), an id containing the text or contained in it
    /// counting as nearest. Empty when nothing is near.
    func closestIDs(to text: String) -> [String] {
        let query = text.lowercased()
        var near: [String: Int] = [:]
        for rule in rules {
            for name in [rule.id] + rule.aliases {
                let distance = name.contains(query) || query.contains(name) ? 0 : Self.editDistance(query, name)
                guard distance <= max(3, name.count / 2) else { continue }
                near[rule.id] = min(near[rule.id] ?? .max, distance)
            }
        }
        return near.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(3).map(\.key)
    }

    /// Levenshtein distance between two strings, by characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension ConfiguredRules {
    /// The built-in rules with the file given by `--config` applied (kept out of the type so the
    /// memberwise initializer stays for tests).
    init(_ file: ConfigurationFile) throws {
        let yaml = try file.text()
        rules = try file.ruleEngine(applying: yaml, withExamples: true).rules
        configurationPath = yaml == nil ? nil : file.path
        do {
            builtIn = Dictionary(uniqueKeysWithValues: try RuleCatalog.builtInSpecs().map { ($0.id, $0) })
        } catch {
            // Unreachable once the engine above loaded the same files; kept so the error is not lost.
            throw CommandFailure(exitCode: CommandFailure.usageError, "built-in rules: \(error)")
        }
    }
}
