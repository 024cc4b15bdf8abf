import Foundation
import Testing

@testable import SQLParsing

/// The parse tree's JSON is read straight from its bytes into the tree Foundation's
/// JSONSerialization made before: the same values, and errors for text that is not JSON.
struct PostgresParseTreeJSONTests {
    /// The tree as JSONSerialization reads it (the reader this one replaced).
    static func foundation(_ text: String) throws -> JSONValue {
        func convert(_ object: Any) -> JSONValue {
            switch object {
            case let dictionary as [String: Any]: .object(dictionary.mapValues(convert))
            case let array as [Any]: .array(array.map(convert))
            case let string as String: .string(string)
            case let number as NSNumber: .number(number.doubleValue)
            default: .null
            }
        }
        return convert(try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]))
    }

    @Test(arguments: ShapeCase.corpus)
    func everyCorpusStatementsTreeReadsAsJSONSerializationReadsIt(_ statement: ShapeCase) throws {
        let json = try LibPgQuery.parseTree(statement.sql)
        #expect(try JSONValue(parsing: json) == Self.foundation(json))
    }

    @Test func stringsNumbersAndNestingReadAsJSONSerializationReadsThem() throws {
        let documents = [
            #"{"a": "x\"y\\z\/\b\f\n\r\t", "b": "\u00e9\u4e2d\ud83d\ude00", "c": "plain é 中 😀"}"#,
            #"[0, -1, 12345678901234567890, 1.5, -2.25e-3, 1E+2, 0.1, 9007199254740993]"#,
            #"{"t": true, "f": false, "n": null, "empty": {}, "list": [], "deep": [[[{"k": [1]}]]]}"#,
            " \n\t{ \"spaced\" : [ 1 , 2 ] } \r\n",
            #""just a string""#,
            "42",
        ]
        for text in documents {
            #expect(try JSONValue(parsing: text) == Self.foundation(text), "\(text)")
        }
    }

    @Test func textThatIsNotJSONIsAnError() {
        for text in ["", "{", #"{"a" 1}"#, "[1,]x", #""open"#, "[1 2]", "tru", #""\x""#, "{} {}"] {
            #expect(throws: JSONSyntaxError.self, "\(text)") { try JSONValue(parsing: text) }
        }
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: deep) }
    }
}
