import AdvisorCore
import Foundation
import Testing

@testable import Reports

/// `ReportJSON` writes what `JSONEncoder` with the reports' options writes, byte for byte: the
/// reports' JSON and every golden file stayed the same when it replaced the encoder.
struct ReportJSONTests {
    static func foundation<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    enum Shape: Codable, Equatable {
        case point
        case circle(radius: Double)
        case labelled(String, [Int?])
    }

    struct Empty: Codable {}

    struct Everything: Codable {
        var text = "quote \" backslash \\ slash / tab \t newline \n cr \r bell \u{7} nul \u{0} del \u{7F} é ✓ 🚀"
        var control = (0..<32).map { String(UnicodeScalar(UInt8($0))) }.joined()
        var doubles: [Double] = [
            0, -0.0, 1, -1, 18, 0.1, 28.951999999999995, 1e-05, 1e20, 1.5e300, 123_456_789.125,
            0x1p-1074,  // the least subnormal (5e-324 as a literal warns of underflow)
        ]
        var floats: [Float] = [0.1, 3, -2.5]
        var integers: [Int] = [0, -7, .max, .min]
        var small: [Int8] = [-128, 127]
        var unsigned: [UInt64] = [0, .max]
        var flags = [true, false]
        var missing: String? = nil
        var present: String? = "here"
        var nils: [Int?] = [1, nil, 3]
        var nested: [[String]] = [[], ["a"], ["b", "c"]]
        var empty = Empty()
        var emptyArray: [Int] = []
        var map: [String: Int] = [
            "b": 2, "a": 1, "ab": 3, "Z": 0, "é": 5, "f": 6, "": 7, "aaaaaaaab": 8, "aaaaaaaaa": 9,
        ]
        var shapes: [Shape] = [.point, .circle(radius: 2.5), .labelled("x", [nil, 4])]
        var data = Data([0, 1, 2, 250])
        var url = URL(string: "https://example.com/a b?q=1")
        var date = Date(timeIntervalSinceReferenceDate: 123.456)
        var severity = Severity.warning
    }

    @Test func everyKindOfValueIsWrittenAsJSONEncoderWritesIt() throws {
        let value = Everything()
        #expect(try ReportJSON.string(value) == Self.foundation(value))
    }

    @Test func anEscapeIsFoundWhereverItFallsInAWordOfText() throws {
        let specials = ["\"", "\\", "\u{0}", "\u{1F}", "\n", "é\u{1}", "\u{7F}\t", "✓\"\\"]
        var texts: [String] = []
        for special in specials {
            for before in 0..<18 {
                texts.append(String(repeating: "x", count: before) + special + String(repeating: "é", count: 9))
            }
        }
        #expect(try ReportJSON.string(texts) == Self.foundation(texts))
    }

    @Test func topLevelScalarsArraysAndEmptyValuesAreWrittenAsJSONEncoderWritesThem() throws {
        #expect(try ReportJSON.string("top \"level\"") == Self.foundation("top \"level\""))
        #expect(try ReportJSON.string(42) == Self.foundation(42))
        #expect(try ReportJSON.string([1.5, 2]) == Self.foundation([1.5, 2]))
        #expect(try ReportJSON.string(Empty()) == Self.foundation(Empty()))
        #expect(try ReportJSON.string([Empty()]) == Self.foundation([Empty()]))
        #expect(try ReportJSON.string([String: Int]()) == Self.foundation([String: Int]()))
        #expect(try ReportJSON.string([[Int]]()) == Self.foundation([[Int]]()))
    }

    @Test func aNumberJSONCannotHoldIsAnErrorNotText() {
        #expect(throws: EncodingError.self) { try ReportJSON.string(["x": Double.nan]) }
        #expect(throws: EncodingError.self) { try ReportJSON.string([Double.infinity]) }
    }

    /// A report of hundreds of groups and findings: its arrays are encoded and written on several
    /// threads, in slices (scalars, objects, nils, nested arrays, empty objects and arrays).
    struct Report: Codable {
        struct Entry: Codable {
            var rank: Int
            var name: String
            var share: Double?
            var tags: [String]
            var nested: [Everything]
        }

        var entries: [Entry]
        var numbers: [Double]
        var names: [String?]
        var empties: [Empty]
        var arrays: [[Int]]
        var small: [Int] = [1, 2, 3]
    }

    static let report = Report(
        entries: (0..<301).map { k in
            .init(
                rank: k, name: "group \(k) \"q\" é", share: k % 3 == 0 ? nil : Double(k) / 7,
                tags: k % 5 == 0 ? [] : ["a\(k)", "b"], nested: k % 50 == 0 ? [Everything()] : [])
        },
        numbers: (0..<257).map { Double($0) * 0.1 }, names: (0..<130).map { $0 % 4 == 0 ? nil : "n\($0)" },
        empties: Array(repeating: Empty(), count: 70), arrays: (0..<99).map { Array(0..<($0 % 3)) })

    @Test func longTopLevelArraysAreWrittenAsJSONEncoderWritesThem() throws {
        #expect(try ReportJSON.string(Self.report) == Self.foundation(Self.report))
    }

    @Test func anErrorInALongArrayIsThrownLikeAnywhereElse() {
        var report = Self.report
        report.entries[200].share = .nan
        #expect(throws: EncodingError.self) { try ReportJSON.string(report) }
        report = Self.report
        report.numbers[3] = -.infinity
        #expect(throws: EncodingError.self) { try ReportJSON.string(report) }
    }
}
