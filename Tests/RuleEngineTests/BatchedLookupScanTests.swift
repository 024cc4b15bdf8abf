import Foundation
import Testing

@testable import RuleEngine

/// `BatchedLookup.ASCIIScan` against `NSRegularExpression` with the patterns it stands for, on
/// statements as logs hold them and on random ASCII made of the bytes the patterns look at.
@Suite("Batched lookups found by scans as by their patterns")
struct BatchedLookupScanTests {
    static let keys = ["id", "order_id", "Post_Id", "a$", "k9"]

    static let statements = [
        "SELECT * FROM order_items WHERE order_id = 42",
        "SELECT id, body FROM comments WHERE post_id = $1 ORDER BY created_at DESC LIMIT 3",
        "SELECT oi.* FROM order_items oi WHERE oi.order_id=? AND status = 'paid'",
        "SELECT count(*) FROM reviews WHERE `product_id` = '12''3' GROUP BY x",
        "select ID, name from users where \"id\" = -7.5e3",
        "SELECT MAX (price), min(x) FROM t WHERE shop.items.id = 'it''s",
        "SELECT a FROM t WHERE xid = 1 AND id\t=\n'a''' AND id = +3",
        "SELECT key_id, id FROM t WHERE id = $ AND id = $12",
        "SELECT summary, counter FROM t WHERE Post_Id = ?",
    ]

    /// A deterministic stream of random numbers (the same on every run).
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Texts of the bytes the patterns treat apart, and pieces of the keys and function names.
    static func randomTexts(count: Int) -> [String] {
        let pieces = [
            "id", "ID", "order_id", "post_id", "Post_Id", "a$", "k9", "count", "SUM", "max", "x", "_", "$", "$1",
            "9", ".", "'", "''", "\"", "`", "=", " = ", "-", "+", "?", "(", ")", ",", " ", "\t", "\n", "\u{0B}",
            "\u{0C}", "oi.", "t.", "7",
        ]
        var random = Random(state: 0x5EED)
        return (0..<count).map { _ in
            (0..<(1 + random.next(14))).map { _ in pieces[random.next(pieces.count)] }.joined()
        }
    }

    static func offsets(_ range: Range<String.Index>?, in text: String) -> Range<Int>? {
        range.map {
            text.utf8.distance(
                from: text.startIndex, to: $0.lowerBound)..<text.utf8.distance(from: text.startIndex, to: $0.upperBound)
        }
    }

    /// The pattern's first match: the whole match and groups 1 and 2, as UTF-8 offsets.
    static func regexEquality(_ key: String, in text: String, _ cache: BatchedLookup.Cache) -> [Range<Int>?]? {
        guard let regex = cache.regex(BatchedLookup.keyEquality(key)),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        else { return nil }
        return (0...2).map { offsets(Range(match.range(at: $0), in: text), in: text) }
    }

    @Test func theKeysEqualityIsFoundWhereThePatternFindsIt() {
        let patterns = BatchedLookup.Cache()
        for text in Self.statements + Self.randomTexts(count: 3_000) {
            for key in Self.keys {
                let scanned = BatchedLookup.ASCIIScan.equality(on: key, in: text).map {
                    [
                        Self.offsets($0.whole, in: text), Self.offsets($0.column, in: text),
                        Self.offsets($0.value, in: text),
                    ]
                }
                #expect(
                    scanned == Self.regexEquality(key, in: text, patterns), "key \(key) in \(text.debugDescription)")
            }
        }
    }

    @Test func aggregatesAndListedKeysAreFoundWhereThePatternsFindThem() {
        let patterns = BatchedLookup.Cache()
        for text in Self.statements + Self.randomTexts(count: 3_000) {
            #expect(
                BatchedLookup.ASCIIScan.hasAggregateCall(text)
                    == patterns.matches(BatchedLookup.aggregateCall, in: text), "\(text.debugDescription)")
            for key in Self.keys {
                #expect(
                    BatchedLookup.ASCIIScan.lists(key, in: text)
                        == patterns.matches(BatchedLookup.listedKey(key), in: text),
                    "key \(key) in \(text.debugDescription)")
            }
        }
    }

    @Test func onlyASCIITextIsScanned() {
        #expect(BatchedLookup.ASCIIScan.applies("SELECT id FROM t WHERE id = 1", "id"))
        #expect(!BatchedLookup.ASCIIScan.applies("SELECT id FROM t WHERE café_id = 1", "id"))
        #expect(!BatchedLookup.ASCIIScan.applies("SELECT 1", "ıd"))
    }
}
