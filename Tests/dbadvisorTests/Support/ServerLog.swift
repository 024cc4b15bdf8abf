import Foundation
import Testing

/// A log a dev server writes, and what the server appends to it while a script runs.
enum ServerLog: String, CaseIterable, CustomStringConvertible {
    case stderr = "postgresql"
    case csv = "postgresql.csv"
    case json = "postgresql.json"
    case slowLog = "slow.log"

    var description: String { rawValue }
    var engine: String { self == .slowLog ? "mysql" : "postgres" }

    var path: String {
        let env = TestServers.environment
        if self == .slowLog { return env["DBADVISOR_MYSQL_SLOW_LOG"] ?? "" }
        return (env["DBADVISOR_PG_LOG_DIR"] ?? "") + "/" + rawValue
    }

    /// The logs of `engine`'s server.
    static func of(_ engine: String) -> [ServerLog] { allCases.filter { $0.engine == engine } }

    /// Runs `script` on `database` of `engine`'s server (psql or the MariaDB client) and returns
    /// what it appended to each of `logs`, in order, as temporary files. Other connections'
    /// statements may be in them too.
    static func slices(
        of logs: [ServerLog], whileRunning script: String, engine: String, database: String
    ) throws -> [URL] {
        let marker = "dbadvisor-e2e-\(UUID().uuidString)"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(marker).sql")
        try "\(script)\nSELECT '\(marker)' AS marker;\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let starts = try logs.map { try size(of: $0.path) }
        if engine == "postgres" {
            let dsn = try TestServers.postgresAdmin(database: database)
            try Shell.run(
                "psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null", "-d", dsn, "-f", file.path])
        } else {
            try TestServers.mariadb(database: database, file: file.path)
        }
        return try zip(logs, starts).map { log, start in try log.slice(from: start, upTo: marker) }
    }

    /// The bytes of this log from `start` once they contain `marker`, as a temporary file.
    private func slice(from start: UInt64, upTo marker: String) throws -> URL {
        // The PostgreSQL logging collector writes asynchronously: wait for the marker.
        let deadline = Date().addingTimeInterval(30)
        while true {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seek(toOffset: start)
            let data = handle.readDataToEndOfFile()
            if String(decoding: data, as: UTF8.self).contains(marker) {
                let slice = Self.directory.appendingPathComponent("\(marker).\(rawValue)")
                try data.write(to: slice)
                return slice
            }
            guard Date() < deadline else {
                throw Shell.Failure(description: "\(path): the script's statements did not reach the log in 30 s")
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    /// Where slices go: a directory of this test process, removed when it exits (slices are cached
    /// for the whole run, so no test can remove them itself).
    static let directory: URL = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dbadvisor-test-logs-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: ServerLog.directory) }
        return directory
    }()

    private static func size(of path: String) throws -> UInt64 {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.uint64Value ?? 0
    }
}
