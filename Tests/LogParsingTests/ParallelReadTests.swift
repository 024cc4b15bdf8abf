import AdvisorCore
import Foundation
import Testing

@testable import LogParsing

/// Fingerprinting on worker threads gives the workload a single-threaded read gives: events,
/// groups, totals, quantiles, sessions, plans and diagnostics, on generated logs (many batches,
/// tiny batches to cross many batch boundaries) and on every corpus log.
struct ParallelReadTests {
    /// The workload of `path` read with `threads` fingerprinting threads and batches of `batch` entries.
    static func read(_ path: String, threads: Int, batch: Int, slow: Bool) throws -> Workload {
        if slow {
            return try WorkloadReader.read(
                path: path,
                with: SlowLogParser(
                    source: "slow.log", maxTraceEvents: 1_000_000, fingerprinter: nil, threads: threads,
                    batchItems: batch))
        }
        return try WorkloadReader.read(
            path: path,
            with: PostgresLogParser(
                source: "postgresql.log", logLinePrefix: nil, maxTraceEvents: 1_000_000, threads: threads,
                batchItems: batch))
    }

    @Test func generatedSlowLogReadsTheSameOnWorkerThreads() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (text, executions) = GeneratedLog.slowLog(entries: 5_000, seed: 11)
        let path = try dir.write("slow.log", text)
        let serial = try Self.read(path, threads: 1, batch: 2_048, slow: true)
        #expect(serial.calls == executions)
        #expect(serial.groups.count > 8)
        #expect(serial.groups.contains { $0.loggedPlan != nil })
        #expect(serial.groups.allSatisfy { $0.timeDistribution?.count == $0.calls })
        for (threads, batch) in [(2, 2_048), (3, 7), (4, 1)] {
            let parallel = try Self.read(path, threads: threads, batch: batch, slow: true)
            #expect(parallel == serial, "threads \(threads), batches of \(batch)")
        }
    }

    @Test func generatedPostgresLogReadsTheSameOnWorkerThreads() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (text, executions) = GeneratedLog.postgresLog(entries: 4_000, seed: 5)
        let path = try dir.write("postgresql.log", text)
        let serial = try Self.read(path, threads: 1, batch: 2_048, slow: false)
        #expect(serial.calls == executions)
        #expect(serial.groups.count > 20)
        for (threads, batch) in [(2, 2_048), (3, 5)] {
            let parallel = try Self.read(path, threads: threads, batch: batch, slow: false)
            #expect(parallel == serial, "threads \(threads), batches of \(batch)")
        }
    }

    @Test func everyCorpusSlowLogReadsTheSameOnWorkerThreads() throws {
        let logs = Corpus.perconaSlowLogs
        #expect(logs.count > 50)
        for log in logs {
            let path = try Corpus.percona(log)
            let serial = try Self.read(path, threads: 1, batch: 2_048, slow: true)
            let parallel = try Self.read(path, threads: 3, batch: 2, slow: true)
            #expect(parallel == serial, "\(log)")
        }
    }

    @Test func everyCorpusPostgresLogReadsTheSameOnWorkerThreads() throws {
        for name in Corpus.pgbadgerFiles {
            let path = try Corpus.pgbadger(name)
            let serial = try Self.read(path, threads: 1, batch: 2_048, slow: false)
            let parallel = try Self.read(path, threads: 3, batch: 2, slow: false)
            #expect(parallel == serial, "\(name)")
        }
    }
}
