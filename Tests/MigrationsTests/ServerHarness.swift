import AdvisorCore
import Foundation
import Migrations
import TestSupport
import Testing

/// Runs generated migration files through the engines' own command-line clients against the
/// throwaway servers (`scripts/dev-db`), in a scratch database no other test uses.
enum ServerHarness {
    static let environment = ProcessInfo.processInfo.environment

    /// Whether server tests run (`ServerEnvironment`).
    static let enabled = ServerEnvironment.serverTestsEnabled

    /// The scratch database on both servers; dropped and recreated once per test process.
    static let database = "dbadvisor_migrations_test"

    struct CommandFailed: Error, CustomStringConvertible {
        var command: String
        var status: Int32
        var output: String
        var description: String { "\(command) exited with \(status):\n\(output)" }
    }

    /// The admin DSN in `variable`.
    static func adminDSN(_ variable: String) throws -> DataSourceName {
        let text = try ServerEnvironment.value(variable)
        return try DataSourceName(parsing: text)
    }

    /// Runs `arguments` (found on PATH), feeding `input` on stdin; returns stdout, throws on a non-zero exit.
    @discardableResult
    static func run(_ arguments: [String], input: URL? = nil, environment extra: [String: String] = [:]) throws
        -> String
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        if let input { process.standardInput = try FileHandle(forReadingFrom: input) }
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: stdout, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw CommandFailed(
                command: arguments.joined(separator: " "), status: process.terminationStatus,
                output: text + String(decoding: stderr, as: UTF8.self))
        }
        return text
    }

    /// `files` written to a fresh temporary directory.
    static func write(_ files: [MigrationFile]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("dbadvisor-migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in files {
            try Data(file.contents.utf8).write(to: directory.appendingPathComponent(file.path))
        }
        return directory
    }

    /// The up and down blocks of a dbmate file, each as its own file next to it.
    static func dbmateBlocks(of file: URL) throws -> (up: URL, down: URL) {
        let text = try String(contentsOf: file, encoding: .utf8)
        let down = text.components(separatedBy: "-- migrate:down transaction:false\n")
        let up = try #require(down.first?.components(separatedBy: "-- migrate:up transaction:false\n").last)
        let upURL = file.appendingPathExtension("up")
        let downURL = file.appendingPathExtension("down")
        try Data(up.utf8).write(to: upURL)
        try Data(try #require(down.last).utf8).write(to: downURL)
        return (upURL, downURL)
    }
}
