import Foundation

/// A repository-like temporary directory with migration files, where `dbadvisor check` runs with
/// that directory as its working directory, so paths in its output are relative as in CI.
struct CheckProject {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID())")
        for (path, contents) in files { try write(path, contents) }
    }

    /// Runs `dbadvisor check arguments…` in the project; GitHub and server variables of the caller
    /// do not leak in, `environment` is added.
    func run(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 120) throws
        -> CLIRun
    {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["check"] + arguments
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PG") || key.hasPrefix("MYSQL_") || key.hasPrefix("GITHUB_") {
            env[key] = nil
        }
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let (outData, errData) = Shell.drain(out, err, timeout: timeout)
        process.waitUntilExit()
        return CLIRun(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func write(_ path: String, _ contents: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: url, atomically: true, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
