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
}
