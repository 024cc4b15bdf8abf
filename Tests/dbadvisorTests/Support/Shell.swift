import Foundation

/// Runs a command to completion; a non-zero exit fails with its stderr.
enum Shell {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    @discardableResult
    static func run(_ command: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let (outData, errData) = drain(out, err)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description: "\(command) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): "
                    + String(decoding: errData, as: UTF8.self))
        }
        return String(decoding: outData, as: UTF8.self)
    }

    /// Reads two pipes to their end concurrently, so a chatty child cannot block on a full pipe.
    static func drain(_ out: Pipe, _ err: Pipe, timeout: TimeInterval = 600) -> (Data, Data) {
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        _ = group.wait(timeout: .now() + timeout)
        return (outData, errData)
    }
}
