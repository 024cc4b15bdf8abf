import AdvisorCore
import Foundation
import SQLParsing
import Testing

@testable import LogParsing

/// With `LoopDetection`, a log's N+1 loops are found while it streams by and no trace is kept:
/// the loops are those the detector finds in the traces a plain read keeps.
struct StreamedLoopTests {
    static let detection = LoopDetection(minRepeats: 5, maxGapMs: 1000)

    /// What a loop says, without the order runs were seen in (the example of equal runs, float sums).
    struct Summary: Hashable {
        var parent, repeated: String
        var occurrences, queries, minRepeats, maxRepeats, sessions: Int
        var microseconds: Int

        init(_ loop: ObservedLoop) {
            (parent, repeated) = (loop.parentFingerprint, loop.repeatedFingerprint)
            (occurrences, queries, sessions) = (loop.occurrences, loop.queries, loop.sessions)
            (minRepeats, maxRepeats) = (loop.minRepeats, loop.maxRepeats)
            microseconds = Int((loop.timeMs * 1000).rounded())
        }
    }

    /// The loops of a plain read's traces, each statement's role from its group's sample.
    static func loopsOfTraces(_ workload: Workload, dialect: SQLDialect) -> Set<Summary> {
        var roles: [String: StatementRole] = [:]
        for group in workload.groups {
            do {
                roles[group.fingerprint.id] = StatementRole(try dialect.shape(of: group.sampleText))
            } catch {
                continue
            }
        }
        var detector = QueryLoopDetector(minRepeats: detection.minRepeats, maxGapMs: detection.maxGapMs)
        for trace in workload.sessions { detector.consume(trace) { roles[$0] } }
        return Set(detector.loops.map(Summary.init))
    }

    @Test func slowLogLoopsFoundWhileStreamingAreTheLoopsOfItsTraces() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("slow.log", GeneratedLog.slowLog(entries: 20_000, seed: 5).text)
        let traced = try WorkloadReader.read(log: path).workload
        let streamed = try WorkloadReader.read(log: path, loopDetection: Self.detection).workload
        let expected = Self.loopsOfTraces(traced, dialect: .mysql)
        try #require(!expected.isEmpty, "the generated log has loops")
        #expect(Set(streamed.streamedLoops.loops.map(Summary.init)) == expected)
        #expect(streamed.sessions.isEmpty, "no trace is kept")
        #expect(streamed.groups == traced.groups)
        #expect(
            streamed.streamedLoops.tracedFingerprints == Set(traced.sessions.flatMap { $0.events.map(\.fingerprintID) })
        )
    }

    /// Two connections whose loops interleave line by line in the log, and a third that only
    /// repeats a write.
    /// The shapes worked out for statements' roles come back with the log, so a digest need not
    /// parse the samples again: each is the shape of its group's sample.
    @Test func theShapesWorkedOutForRolesAreTheSamplesShapes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("slow.log", GeneratedLog.slowLog(entries: 3_000, seed: 5).text)
        let contents = try WorkloadReader.read(log: path, loopDetection: Self.detection)
        let followed = contents.workload.groups.filter {
            contents.workload.streamedLoops.tracedFingerprints.contains($0.fingerprint.id)
        }
        try #require(followed.count > 8)
        for group in followed {
            guard let shape = try? SQLDialect.mysql.shape(of: group.sampleText) else { continue }
            #expect(contents.shapes[group.sampleText] == shape, "\(group.sampleText)")
        }
        #expect(try WorkloadReader.read(log: path).shapes.isEmpty, "no roles, no shapes")
    }

    @Test func interleavedPostgresConnectionsKeepTheirOwnLoops() throws {
        var lines: [String] = []
        var millisecond = 0
        func log(_ pid: Int, _ sql: String) {
            millisecond += 1
            lines.append(
                String(format: "2026-11-24 01:00:%02d.%03d UTC", millisecond / 1000, millisecond % 1000)
                    + " [\(pid)] app@shop LOG:  duration: 0.100 ms  statement: \(sql)")
        }
        for pid in [10, 11] { log(pid, "SELECT id FROM orders WHERE customer_id = \(pid) ORDER BY id LIMIT 20") }
        for n in 1...6 {
            for pid in [10, 11] { log(pid, "SELECT * FROM order_items WHERE order_id = \(pid * 100 + n)") }
            log(12, "UPDATE carts SET touched_at = now() WHERE id = \(n)")
        }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("postgresql.log", lines.joined(separator: "\n") + "\n")
        let traced = try WorkloadReader.read(log: path).workload
        let streamed = try WorkloadReader.read(log: path, loopDetection: Self.detection).workload
        let loop = try #require(streamed.streamedLoops.loops.first)
        #expect(streamed.streamedLoops.loops.count == 1)
        #expect(loop.occurrences == 2 && loop.queries == 12 && loop.sessions == 2)
        #expect(Set(streamed.streamedLoops.loops.map(Summary.init)) == Self.loopsOfTraces(traced, dialect: .postgres))
        #expect(streamed.sessions.isEmpty)
    }
}
