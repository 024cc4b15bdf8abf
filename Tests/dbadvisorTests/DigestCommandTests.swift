import Foundation
import Reports
import Testing

/// `dbadvisor digest`: logs alone, no server: the profile pt-query-digest would give, and the
/// findings the logs' own evidence supports.
@Suite("digest")
struct DigestCommandTests {
    static let slowLogs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/corpus/percona-toolkit/t/lib/samples/slowlogs")

    func digest(_ arguments: [String], stdin: String? = nil) throws -> (CLIRun, DigestReport?) {
        let run = try CLI.run(["digest", "--format", "json"] + arguments, stdin: stdin)
        return (run, try? JSONDecoder().decode(DigestReport.self, from: Data(run.stdout.utf8)))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: slowLogs.path)))
    func aCorpusSlowLogGivesPtQueryDigestsCountsAndIDs() throws {
        // slow013: pt-query-digest reports "5 total, 4 unique" (corpus slow013_report.txt).
        let (run, report) = try digest([Self.slowLogs.appendingPathComponent("slow013.txt").path])
        #expect(run.status == 0, "\(run.stderr)")
        let digest = try #require(report)
        #expect(digest.events == 5)
        #expect(digest.profile.count == 4)
        #expect(digest.profile.map(\.rank) == [1, 2, 3, 4])
        #expect(digest.profile.allSatisfy { $0.fingerprint.count == 32 })
    }

    static let fullScanLog = """
        # Time: 2026-11-23T10:00:00.000000Z
        # User@Host: app[app] @ localhost []  Id:    12
        # Query_time: 0.412000  Lock_time: 0.000010 Rows_sent: 1  Rows_examined: 400017
        use shop;
        SET timestamp=1795428000;
        SELECT * FROM orders WHERE tracking_number = 'JJD2260438662';
        # Time: 2026-11-23T10:00:01.000000Z
        # User@Host: app[app] @ localhost []  Id:    12
        # Query_time: 0.398000  Lock_time: 0.000010 Rows_sent: 1  Rows_examined: 400017
        SET timestamp=1795428001;
        SELECT * FROM orders WHERE tracking_number = 'JJD0000001674';

        """

    @Test func aLoggedFullScanIsAFindingFromTheLogAlone() throws {
        let (run, report) = try digest(["-"], stdin: Self.fullScanLog)
        #expect(run.status == 0, "\(run.stderr)")
        let digest = try #require(report)
        #expect(digest.events == 2)
        #expect(digest.profile.count == 1)
        #expect(digest.findings.map(\.ruleID) == ["high-rows-examined"])
        #expect(digest.findings.first?.suggestedIndex?.keyColumns == ["tracking_number"])
    }

    @Test func failOnWarningMakesTheExitCode1() throws {
        let run = try CLI.run(["digest", "--fail-on", "warning", "-"], stdin: Self.fullScanLog)
        #expect(run.status == 1)
        #expect(run.stdout.contains("warning[high-rows-examined]: orders examined 400k rows per call to return 1"))
    }

    /// The drivers' libraries are loaded when a command connects, not at start: digesting a log
    /// never loads them (glibc's loader says which files it opens under `LD_DEBUG=files`).
    @Test(.enabled(if: isGlibc))
    func digestingALogLoadsNeitherDriverLibrary() throws {
        let run = try CLI.run(
            ["digest", "--format", "json", "-"], stdin: Self.fullScanLog, environment: ["LD_DEBUG": "files"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("file=libc.so.6"), "the loader said nothing: \(run.stderr.prefix(200))")
        #expect(!run.stderr.contains("libpq.so") && !run.stderr.contains("libmariadb.so"))
    }

    static let isGlibc: Bool = {
        #if os(Linux) && canImport(Glibc)
            true
        #else
            false
        #endif
    }()

    @Test func anEmptyLogIsNotAnError() throws {
        let (run, report) = try digest(["-"], stdin: "")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(report?.events == 0)
        #expect(report?.notes.contains { $0.hasPrefix("no statements found") } == true)
    }

    /// A garbage `Query_time` of forty digits is a time like any other: reported, never a trap
    /// (the text report's hours went through a 64-bit integer).
    @Test(arguments: ["text", "json"])
    func anAbsurdQueryTimeIsReportedWithoutCrashing(format: String) throws {
        let log = Self.fullScanLog.replacingOccurrences(of: "0.412000", with: String(repeating: "9", count: 40) + ".5")
        let run = try CLI.run(["digest", "--format", format, "-"], stdin: log)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("orders"))
    }
}
