import Foundation
import Testing

/// The result of one `dbadvisor` run.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `dbadvisor` binary as a user would.
enum CLI {
    /// The binary SwiftPM built next to this test bundle.
    static let binary: URL = {
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ].compactMap { $0 }
        for dir in candidates {
            let url = dir.appendingPathComponent("dbadvisor")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        fatalError("dbadvisor binary not found next to the test bundle in \(candidates.map(\.path))")
    }()

    /// Runs `dbadvisor args…` with an optional stdin and extra environment; waits at most `timeout` s.
    static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], timeout: TimeInterval = 60
    ) throws -> CLIRun {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        // The tests decide the connection; stray PG*/MYSQL_* variables of the caller must not leak in.
        for key in env.keys where key.hasPrefix("PG") || key.hasPrefix("MYSQL_") { env[key] = nil }
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let started = Date()
        let (outData, errData) = Shell.drain(out, err, timeout: timeout)
        if Date().timeIntervalSince(started) >= timeout {
            process.terminate()
            Issue.record("dbadvisor \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
        }
        process.waitUntilExit()
        return CLIRun(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
