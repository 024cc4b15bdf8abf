import AdvisorCore
import Foundation
import Testing

@testable import LogParsing

/// gzip input, broken input and missing input: never a crash, always a diagnostic or a clear error.
struct CompressedAndBrokenInputTests {
    @Test func gzippedLogReadsTheSameAsPlainText() throws {
        let original = try Corpus.pgbadger("light.postgres.log")
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // Same base name, so origins compare equal; gzip is recognised by its magic bytes, not the name.
        let path = try dir.write("light.postgres.log", try gzip(original))
        let plain = try WorkloadReader.readPostgresLog(path: original)
        let unzipped = try WorkloadReader.readPostgresLog(path: path)
        #expect(unzipped.groups == plain.groups)
        #expect(unzipped.sessions == plain.sessions)
        #expect(unzipped.diagnostics == plain.diagnostics)
        let named = try dir.write("copy.log.gz", try gzip(original))
        #expect(try WorkloadReader.readPostgresLog(path: named).calls == 629)
    }

    @Test func truncatedGzipGivesADiagnostic() throws {
        let compressed = try gzip(try Corpus.pgbadger("light.postgres.log"))
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("cut.log.gz", compressed.prefix(compressed.count / 2))
        let workload = try WorkloadReader.readPostgresLog(path: path)
        #expect(workload.calls > 0 && workload.calls < 629)
        #expect(workload.diagnostics.contains { $0.message.contains("gzip stream ends early") })
    }

    @Test func binaryGarbageIsCountedAsUnparsed() throws {
        var state: UInt64 = 42
        var bytes = [UInt8](repeating: 0, count: 200_000)
        for i in bytes.indices {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes[i] = UInt8(truncatingIfNeeded: state >> 33)
        }
        bytes[0] = 0x01
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let workload = try WorkloadReader.readPostgresLog(path: try dir.write("garbage.log", Data(bytes)))
        #expect(workload.groups.isEmpty)
        #expect(workload.diagnostics.contains { $0.message.contains("not understood") && $0.count > 100 })
    }

    @Test func emptyFileIsAnEmptyWorkload() throws {
        let workload = try readLog("")
        #expect(workload.groups.isEmpty)
        #expect(workload.sessions.isEmpty)
        #expect(workload.diagnostics.isEmpty)
    }

    @Test func missingFileIsAOneLineErrorNamingThePath() throws {
        let error = #expect(throws: LogReadError.self) {
            try WorkloadReader.readPostgresLog(path: "/nonexistent/postgresql.log")
        }
        #expect(
            error?.description
                == "/nonexistent/postgresql.log: no such file or directory; check the path (use - to read stdin)")
    }

    @Test func directoryGivenAsLogIsAClearError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let error = #expect(throws: LogReadError.self) { try WorkloadReader.readPostgresLog(path: dir.url.path) }
        #expect(error?.description.contains("is a directory") == true)
    }
}
