/// One parameter value of a rule, as written in its YAML file or in `.dbadvisor.yml`.
public enum RuleParamValue: Equatable, Sendable, CustomStringConvertible {
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case strings([String])

    /// Name of the value's type for error messages (`an integer`, `a number`, …).
    public var typeDescription: String {
        switch self {
        case .bool: "true or false"
        case .int: "an integer"
        case .double: "a number"
        case .string: "a string"
        case .strings: "a list of strings"
        }
    }

    /// The value as YAML would print it.
    public var description: String {
        switch self {
        case .bool(let value): "\(value)"
        case .int(let value): "\(value)"
        case .double(let value): "\(value)"
        case .string(let value): value
        case .strings(let values): "[\(values.joined(separator: ", "))]"
        }
    }

    /// `true` when `other` can replace this default: same type, or an integer where a number is expected.
    func accepts(_ other: RuleParamValue) -> RuleParamValue? {
        switch (self, other) {
        case (.bool, .bool), (.int, .int), (.double, .double), (.string, .string), (.strings, .strings): other
        case (.double, .int(let value)): .double(Double(value))
        default: nil
        }
    }
}

extension RuleParamValue: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Order matters: YAML `10000` also decodes as a Double and a String.
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else {
            self = .strings(try container.decode([String].self))
        }
    }
}
