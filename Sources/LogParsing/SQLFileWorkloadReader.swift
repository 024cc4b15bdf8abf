import AdvisorCore
import Foundation
import SQLParsing

/// A workload from `.sql` files: each statement is one call with unknown time (0 ms), no sessions.
enum SQLFileWorkloadReader {
    static func read(path: String, dialect: SQLDialect) throws(LogReadError) -> Workload {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .missing(path) }
        let base = URL(fileURLWithPath: path)
        let files: [(url: URL, name: String)]
        if isDirectory.boolValue {
            files = sqlFiles(under: base)
            guard !files.isEmpty else {
                throw LogReadError(
                    path: path, message: "contains no .sql files; pass a folder of .sql files or a single .sql file")
            }
        } else {
            files = [(base, base.lastPathComponent)]
        }
        var workload = Workload()
        var diagnostics: [WorkloadDiagnostic] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file.url.path) else {
                throw .unreadable(file.url.path, "permission denied or not a regular file")
            }
            let script = String(decoding: data, as: UTF8.self)
            let statements: [String]
            do {
                statements = try dialect.split(script)
            } catch {
                diagnostics.append(
                    WorkloadDiagnostic(
                        location: "\(file.name):\(error.line ?? 1)",
                        message: "file skipped: \(error.message); fix the statement or remove the file"))
                continue
            }
            var builder =
                dialect == .mysql
                ? WorkloadBuilder(source: file.name, fingerprinter: WorkloadBuilder.mysqlFingerprint)
                : WorkloadBuilder(source: file.name)
            var cursor = script.startIndex
            for statement in statements.map(withoutLeadingComments) where !statement.isEmpty {
                let found = script.range(of: statement, range: cursor..<script.endIndex)
                let start = found?.lowerBound ?? cursor
                let line = script[script.startIndex..<start].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                if let found { cursor = found.upperBound }
                let id = builder.record(
                    sql: statement, durationMs: nil, time: nil, session: nil, database: nil, line: line)
                // Other literals of the group: without timings, the analysis picks a representative
                // among them, and they tell the code's constants from bound values.
                builder.offerSample(statement, of: id)
            }
            workload = workload.merged(with: builder.build())
        }
        workload.sources = [isDirectory.boolValue ? "\(path) (\(files.count) .sql files)" : path]
        workload.diagnostics = diagnostics + workload.diagnostics
        return workload.sorted()
    }

    /// The statement without the comment lines above it (the splitter keeps them), so its origin
    /// line is the statement's own.
    private static func withoutLeadingComments(_ statement: String) -> String {
        var rest = Substring(statement)
        while true {
            rest = rest.drop(while: { $0.isWhitespace })
            if rest.hasPrefix("--") {
                rest = rest.drop(while: { $0 != "\n" })
            } else if rest.hasPrefix("/*"), let end = rest.range(of: "*/") {
                rest = rest[end.upperBound...]
            } else {
                return String(rest)
            }
        }
    }

    /// `.sql` files under `root`, sorted by relative path, named by that path.
    private static func sqlFiles(under root: URL) -> [(url: URL, name: String)] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        let rootPath = root.standardizedFileURL.path
        var out: [(URL, String)] = []
        for case let url as URL in walker where url.pathExtension.lowercased() == "sql" {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let full = url.standardizedFileURL.path
            let name =
                full.hasPrefix(rootPath + "/") ? String(full.dropFirst(rootPath.count + 1)) : url.lastPathComponent
            out.append((url, name))
        }
        return out.sorted { $0.1 < $1.1 }
    }
}
