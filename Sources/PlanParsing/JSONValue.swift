import Foundation

/// A decoded JSON value. EXPLAIN output is walked generically: its shape varies by engine, version
/// and options, and a key we did not foresee must be skipped, not fail the whole plan.
enum JSONValue: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Bool before Double: the decoder will not read `1` as a Bool, nor `true` as a number.
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Decodes `text`, or says in one line why it is not JSON.
    static func decode(_ text: String) throws(PlanParseError) -> JSONValue {
        let data = Data(text.utf8)
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw .notJSON(reason(for: data))
        }
    }

    /// JSONDecoder only says "not valid JSON"; JSONSerialization says what and where.
    private static func reason(for data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return "a value cannot be represented"
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            return detail ?? "malformed input"
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { members[key] } else { nil }
    }

    var object: [String: JSONValue]? {
        if case .object(let members) = self { members } else { nil }
    }

    var array: [JSONValue]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    /// A number, or a string holding one: MySQL 8 writes costs and `filtered` as strings.
    var double: Double? {
        switch self {
        case .number(let number): number
        case .string(let string): Double(string.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    /// A string, or a number or bool spelled as one, so a hand-edited plan still reads.
    var string: String? {
        switch self {
        case .string(let string): string
        case .number(let number):
            number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let bool): String(bool)
        default: nil
        }
    }

    /// A bool, or `"true"`/`"false"`, or 1/0.
    var bool: Bool? {
        switch self {
        case .bool(let bool): bool
        case .string(let string): Bool(string.lowercased())
        case .number(let number): number != 0
        default: nil
        }
    }

    /// An array of strings, or a single string as a one-element array.
    var strings: [String]? {
        switch self {
        case .array(let elements): elements.compactMap(\.string)
        case .string(let string): [string]
        default: nil
        }
    }
}
