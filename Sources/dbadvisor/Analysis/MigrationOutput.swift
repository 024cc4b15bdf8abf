import Foundation
import Migrations

/// Writes migration files into `--out`, refusing to replace a file that already exists.
struct MigrationOutput {
    var directory: String

    func write(_ files: [MigrationFile]) throws {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure(exitCode: CommandFailure.usageError, "\(directory): cannot create the directory")
        }
        // Check every path first so a clash leaves nothing half-written.
        for file in files where manager.fileExists(atPath: path(file)) {
            throw CommandFailure(
                exitCode: CommandFailure.usageError,
                "\(path(file)) already exists; choose an empty --out directory or move the old migrations away")
        }
        for file in files {
            guard manager.createFile(atPath: path(file), contents: Data(file.contents.utf8)) else {
                throw CommandFailure(exitCode: CommandFailure.usageError, "\(path(file)): cannot write the file")
            }
        }
    }

    private func path(_ file: MigrationFile) -> String {
        (directory as NSString).appendingPathComponent(file.path)
    }
}
