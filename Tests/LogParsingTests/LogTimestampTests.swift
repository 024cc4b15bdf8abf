import Testing

@testable import LogParsing

struct LogTimestampTests {
    static let stamps = [
        "2024-05-10T17:45:09.003480Z", "2024-05-10T17:45:59.9Z", "2024-05-10T17:46:00.000001Z",
        "2024-05-10T17:46:00+08:00", "2024-05-10 17:46:07.369 CEST", "2024-05-10 17:46:07.369 UTC",
        "2024-05-10T17:46:07-03:30", "2025-01-01T00:00:00Z", "2024-05-10T17:45:09", "1999-12-31 23:59:59.5 PST",
    ]

    /// Every order of reading: a reader's remembered minute never changes what a timestamp is.
    @Test func aRememberedMinuteGivesTheSecondsOfAFreshParse() {
        var minute = LogTimestamp.Minute()
        for round in 0..<3 {
            for (k, stamp) in Self.stamps.enumerated() {
                let text = Self.stamps[(k * (round + 1)) % Self.stamps.count] + " trailing"
                let fresh = parse(text) { LogTimestamp.parse($0, at: 0) }
                let reused = parse(text) { LogTimestamp.parse($0, at: 0, reusing: &minute) }
                #expect(fresh != nil && fresh?.seconds == reused?.seconds && fresh?.end == reused?.end, "\(stamp)")
            }
        }
    }

    @Test func aRememberedMinuteIsNotTakenForAnotherOrForText() {
        var minute = LogTimestamp.Minute()
        _ = parse("2024-05-10T17:45:09Z") { LogTimestamp.parse($0, at: 0, reusing: &minute) }
        #expect(parse("2024-05-10T17:45:xxZ") { LogTimestamp.parse($0, at: 0, reusing: &minute) } == nil)
        #expect(parse("2024-05-10T17:4") { LogTimestamp.parse($0, at: 0, reusing: &minute) } == nil)
        let next = parse("2024-05-10T17:46:09Z") { LogTimestamp.parse($0, at: 0, reusing: &minute) }
        #expect(next?.seconds == 1_715_363_169)
        var blank = LogTimestamp.Minute()
        let zeros = String(repeating: "\u{0}", count: 16) + ":00Z"
        #expect(parse(zeros) { LogTimestamp.parse($0, at: 0, reusing: &blank) } == nil)
    }

    private func parse(
        _ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> (seconds: Double, end: Int)?
    ) -> (seconds: Double, end: Int)? {
        Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Fractions read with the table of scales equal the digit-by-digit divisions they replace, to
    /// the last bit, whatever their length (figures and golden files stay as they were).
    @Test func fractionDigitsAddUpExactlyAsWithADivisionPerDigit() {
        var r = GeneratedLog.Random(state: 5)
        for length in [0, 1, 2, 3, 6, 9, 17, 24, 25, 30] {
            for _ in 0..<200 {
                let digits = (0..<length).map { _ in UInt8(0x30 + r.next(10)) } + Array(" x".utf8)
                let start = Double(r.next(100_000))
                var reference = start
                var scale = 0.1
                for d in digits where d &- 0x30 < 10 {
                    reference += Double(d &- 0x30) * scale
                    scale /= 10
                }
                var i = 0
                let read = digits.withUnsafeBufferPointer {
                    DecimalFraction.adding($0, from: &i, end: $0.count, to: start)
                }
                #expect(read.bitPattern == reference.bitPattern && i == length, "\(length) digits")
            }
        }
    }
}
