/// A rule's parameters: the defaults from its YAML file with `.dbadvisor.yml` overrides applied.
public struct RuleParams: Equatable, Sendable, Decodable {
    /// Values by parameter name.
    public var values: [String: RuleParamValue]

    public init(_ values: [String: RuleParamValue] = [:]) {
        self.values = values
    }

    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: RuleParamValue].self)
    }

    /// Parameter names in alphabetical order.
    public var names: [String] { values.keys.sorted() }

    /// An integer parameter (a whole number written as `1e4` is accepted too).
    public func int(_ name: String, default fallback: Int) -> Int {
        switch values[name] {
        case .int(let value): value
        case .double(let value): Int(value)
        default: fallback
        }
    }

    /// A numeric parameter.
    public func double(_ name: String, default fallback: Double) -> Double {
        switch values[name] {
        case .int(let value): Double(value)
        case .double(let value): value
        default: fallback
        }
    }

    /// A boolean parameter.
    public func bool(_ name: String, default fallback: Bool) -> Bool {
        if case .bool(let value) = values[name] { return value }
        return fallback
    }

    /// A string parameter.
    public func string(_ name: String, default fallback: String) -> String {
        if case .string(let value) = values[name] { return value }
        return fallback
    }

    /// A list-of-strings parameter.
    public func strings(_ name: String, default fallback: [String]) -> [String] {
        if case .strings(let value) = values[name] { return value }
        return fallback
    }
}
