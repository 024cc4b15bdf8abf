import AdvisorCore
import Foundation
import Testing

@testable import LogParsing

/// Temporary files and folders for tests, removed by the caller via `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("logparsing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `data` to `name` (sub-folders created) and returns its path.
    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Data(text.utf8)) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Reads `text` as a PostgreSQL log file named `postgresql.log`.
func readLog(_ text: String, prefix: String? = nil, maxTraceEvents: Int = 1_000_000) throws -> Workload {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("postgresql.log", text)
    return try WorkloadReader.readPostgresLog(path: path, logLinePrefix: prefix, maxTraceEvents: maxTraceEvents)
}

extension Workload {
    /// Calls over all groups.
    var calls: Int { groups.reduce(0) { $0 + $1.calls } }

    /// The group whose normalized text contains `text`.
    func group(_ text: String) -> QueryGroup? { groups.first { $0.fingerprint.normalized.contains(text) } }
}

/// The gzip stream of the file at `path` (`gzip -c`).
func gzip(_ path: String) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["gzip", "-c", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
    return data
}
