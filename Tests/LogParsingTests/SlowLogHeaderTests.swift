import Testing

@testable import LogParsing

@Suite("Numbers of slow-log headers")
struct SlowLogHeaderTests {
    /// What `SlowLogHeader.decimal` computed digit by digit in floating point before its whole
    /// part was added up in integers.
    static func floatingPointDecimal(_ text: String) -> Double? {
        let b = Array(text.utf8)
        var whole = 0.0
        var i = 0
        while i < b.count, b[i] &- 0x30 < 10 {
            whole = whole * 10 + Double(b[i] &- 0x30)
            i += 1
        }
        guard i > 0 else { return nil }
        guard i < b.count, b[i] == 0x2E else { return whole }
        i += 1
        return b.withUnsafeBufferPointer { DecimalFraction.adding($0, from: &i, end: b.count, to: whole) }
    }

    @Test func decimalsAreBitForBitWhatFloatingPointDigitsGave() {
        var random = GeneratedLog.Random(state: 53)
        var texts = [
            "0", "7", "0.002128", "1715363109", "1715363109.123456", "9007199254740991", "9007199254740993",
            "123456789012345", "1234567890123456", "99999999999999999999.5", "12.", "x", "", "0.0000000000000000000001",
        ]
        for _ in 0..<5_000 {
            let whole = String((0..<(1 + random.next(20))).map { _ in Character(String(random.next(10))) })
            let fraction = String((0..<random.next(12)).map { _ in Character(String(random.next(10))) })
            texts.append(random.next(4) == 0 ? whole : "\(whole).\(fraction)")
        }
        for text in texts {
            let bytes = Array(text.utf8)
            let read = bytes.withUnsafeBufferPointer { SlowLogHeader.decimal($0, 0..<bytes.count) }
            #expect(read?.bitPattern == Self.floatingPointDecimal(text)?.bitPattern, "\(text)")
        }
    }

    /// `connectionID` as it searched every line: from the end, for the last `Id:` after a blank.
    static func searchedConnectionID(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        var i = b.count - 1
        while i >= 1 + 3 {
            if b[i - 2] == 0x49 && b[i - 1] == 0x64 && b[i] == 0x3A && (b[i - 3] == 0x20 || b[i - 3] == 0x09) {
                var k = i + 1
                while k < b.count, b[k] == 0x20 { k += 1 }
                return b.withUnsafeBufferPointer { SlowLogHeader.integer($0, k..<b.count) }
            }
            i -= 1
        }
        return nil
    }

    @Test func connectionIDsAtTheEndReadAsTheSearchFoundThem() {
        let lines = [
            "# User@Host: app[app] @ localhost []  Id:    12", "# User@Host: app[app] @ localhost []  Id: 7  ",
            "# User@Host: app[app] @ localhost []  Id: 7\t", "# User@Host: Id: 3[Id: 4] @ h []  Id: 5",
            "# User@Host: app[app] @ localhost []  Id: 12 trailing", "# User@Host: app[app] @ localhost []  Id:",
            "# User@Host: app[app] @ localhost []", "# User@Host: app[app] @ localhost []\tId:\t9",
            "# User@Host: app[app] @ localhost []  Id:  99999999999999999999", "# User@Host: Id: 1",
            "# User@Host:Id: 1", "# User@Host: x Id:42", "#Id: 3",
        ]
        for line in lines {
            let bytes = Array(line.utf8)
            let read = bytes.withUnsafeBufferPointer { SlowLogHeader.connectionID($0, from: 1) }
            #expect(read == Self.searchedConnectionID(line), "\(line)")
        }
    }
}
