import Testing

@testable import LogParsing

/// `log_line_prefix` escapes translated into a matcher.
struct LogLinePrefixTests {
    private func match(_ prefix: String, _ line: String) -> PrefixMatch? {
        Array(line.utf8).withUnsafeBufferPointer { LogLinePrefix(prefix).match($0) }
    }

    private func text(_ line: String, _ range: Range<Int>?) -> String? {
        range.map { String(decoding: Array(line.utf8)[$0], as: UTF8.self) }
    }

    @Test func sessionOnlyEscapeAcceptsBackgroundProcessLines() throws {
        let line = "2026-11-23 16:21:56.714 UTC [5977] LOG:  checkpoint starting: time"
        let m = try #require(match("%m [%p] %q%u@%d ", line))
        #expect(m.pid == 5977)
        #expect(m.severity == .log)
        #expect(m.database == nil)
        let session = "2026-11-23 16:21:56.714 UTC [5977] postgres@shop LOG:  duration: 1.0 ms  statement: SELECT 'a@b'"
        let s = try #require(match("%m [%p] %q%u@%d ", session))
        #expect(text(session, s.database) == "shop")
        #expect(s.time == 1_795_450_916.714)
    }

    @Test func zoneAbbreviationsAndOffsetsShiftTheTime() throws {
        let utc = try #require(match("%t [%p] ", "2024-06-27 00:00:07 UTC [1] LOG:  x")?.time)
        let cest = try #require(match("%t [%p] ", "2024-06-27 02:00:07 CEST [1] LOG:  x")?.time)
        let offset = try #require(match("%t [%p] ", "2024-06-27 05:00:07 +05 [1] LOG:  x")?.time)
        #expect(utc == cest)
        #expect(utc == offset)
    }

    @Test func sessionIdAndPercentEscapesAreMatched() throws {
        let line = "100% 1669575482.096 [7] 6383b33a.258 LOG:  x"
        let m = try #require(match("100%% %n [%p] %c ", line))
        #expect(text(line, m.sessionID) == "6383b33a.258")
        #expect(m.time == 1_669_575_482.096)
    }

    @Test func lineWithoutSeverityAfterThePrefixDoesNotMatch() {
        #expect(match("%m [%p] ", "2026-11-23 16:21:56.714 UTC [5977] hello") == nil)
        #expect(match("%m [%p] ", "pg_ctl: could not start server") == nil)
    }

    @Test func parametersGoIntoPlaceholdersOutsideQuotes() {
        let sql = "SELECT '$1', $1, $10, x$1 FROM t WHERE a = $2"
        let out = ParameterSubstitution.substitute("$1 = 'it''s', $2 = NULL, $10 = '9'", into: sql)
        #expect(out == "SELECT '$1', 'it''s', '9', x$1 FROM t WHERE a = NULL")
    }
}
