import Foundation

/// A JSON value: libpg_query hands its parse tree over as JSON text.
enum JSONValue: Sendable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    /// Numbers and booleans alike: Foundation's JSONSerialization does not tell them apart on every platform.
    case number(Double)
    case null

    /// Parses JSON text. JSONSerialization is used because Codable decoding of an untyped tree was
    /// about fifty times slower on parse trees of typical statements.
    init(parsing text: String) throws {
        self.init(try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]))
    }

    private init(_ object: Any) {
        switch object {
        case let dictionary as [String: Any]: self = .object(dictionary.mapValues(JSONValue.init))
        case let array as [Any]: self = .array(array.map(JSONValue.init))
        case let string as String: self = .string(string)
        case let number as NSNumber: self = .number(number.doubleValue)
        default: self = .null
        }
    }
}
