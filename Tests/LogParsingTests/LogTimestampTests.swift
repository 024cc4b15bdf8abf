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
}
