import AdvisorCore
import Foundation
import SQLParsing

/// Reads the migration files of a directory in the supported layouts (plain, Flyway,
/// golang-migrate, dbmate, Rails) as the statements their tools run on the way up, in order.
///
/// Down and undo scripts are not read (the lint is about what a deploy runs). The transaction
/// each statement runs in follows the tool (facts-migrations.md sec. 1): explicit `BEGIN … COMMIT`;
/// a multi-statement file or block sent as one query is one implicit transaction on PostgreSQL
/// (golang-migrate postgres README, dbmate #126/#455); dbmate and ActiveRecord wrap a migration in a
/// transaction unless `transaction:false` / `disable_ddl_transaction!`; Flyway does unless the
/// script's `.conf` says `executeInTransaction=false` or the script holds only statements it
/// detects as non-transactional (flyway#3854).
public enum MigrationReader {
    /// Companion files that are not migrations: tool configuration, checksums, notes.
    static let ignoredExtensions: Set<String> = ["conf", "sum", "md", "txt", "toml", "json", "yml", "yaml", "lock"]

    /// Every migration file under `directory` (sub-directories included, dot-files left out).
    /// `layout` forces one layout for every file; otherwise each file's layout is recognised from
    /// its name and contents. Problems in several files are all reported, each as `path:line: message`.
    public static func read(directory: String, engine: Engine, layout: MigrationLayout? = nil)
        throws(MigrationReadErrors) -> [MigrationScript]
    {
        var files: [String: String] = [:]
        var problems: [MigrationReadError] = []
        let root = URL(fileURLWithPath: directory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MigrationReadErrors([
                MigrationReadError(path: directory, line: 1, message: "no such directory of migrations")
            ])
        }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            let path = prefix + relative
            guard let data = FileManager.default.contents(atPath: url.path) else {
                problems.append(MigrationReadError(path: path, line: 1, message: "cannot read the file"))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                problems.append(MigrationReadError(path: path, line: 1, message: "not UTF-8 text"))
                continue
            }
            files[path] = text
        }
        do {
            return try read(files: files, engine: engine, layout: layout)
        } catch {
            throw MigrationReadErrors(problems + error.errors)
        }
    }

    /// The migrations among `files` (path → contents), in the order their tools apply them.
    public static func read(files: [String: String], engine: Engine, layout: MigrationLayout? = nil)
        throws(MigrationReadErrors) -> [MigrationScript]
    {
        var scripts: [MigrationScript] = []
        var problems: [MigrationReadError] = []
        for path in files.keys.sorted() {
            do {
                if let script = try read(
                    path: path, contents: files[path]!, files: files, engine: engine, layout: layout)
                {
                    scripts.append(script)
                }
            } catch {
                problems.append(error)
            }
        }
        guard problems.isEmpty else { throw MigrationReadErrors(problems) }
        return scripts.sorted { a, b in
            let (x, y) = (versionKey(a), versionKey(b))
            return x != y ? x.lexicographicallyPrecedes(y) : a.path < b.path
        }
    }

    /// One file; `nil` when it is not an up migration (down/undo scripts, companion files).
    static func read(
        path: String, contents: String, files: [String: String], engine: Engine, layout forced: MigrationLayout?
    ) throws(MigrationReadError) -> MigrationScript? {
        let name = String(path.split(separator: "/").last ?? "")
        let lower = name.lowercased()
        let fileExtension = lower.split(separator: ".").last.map(String.init) ?? ""
        if ignoredExtensions.contains(fileExtension) || lower.hasSuffix(".down.sql") { return nil }
        let version = String(name.drop { !$0.isNumber }.prefix { $0.isNumber || $0 == "." || $0 == "_" })
            .trimmingCharacters(in: CharacterSet(charactersIn: "._"))
        let layout: MigrationLayout
        if fileExtension == "rb" {
            layout = .rails
        } else if fileExtension == "sql" {
            if name.hasPrefix("U"), name.contains("__"), forced == nil || forced == .flyway { return nil }
            if let forced {
                layout = forced
            } else if name.hasPrefix("V") || name.hasPrefix("R__"), name.contains("__") {
                layout = .flyway
            } else if lower.hasSuffix(".up.sql") {
                layout = .golangMigrate
            } else if contents.contains("-- migrate:up") || contents.contains("-- migrate:down") {
                layout = .dbmate
            } else {
                layout = .plain
            }
        } else {
            throw MigrationReadError(
                path: path, line: 1,
                message:
                    "unknown migration layout: expected .sql (plain, Flyway V<version>__<name>.sql, golang-migrate "
                    + "<version>_<name>.up.sql, dbmate -- migrate:up) or a Rails <version>_<name>.rb")
        }
        if layout == .rails, name.range(of: #"^[0-9]+_[a-z0-9_]*\.rb$"#, options: .regularExpression) == nil {
            throw MigrationReadError(
                path: path, line: 1, message: "ActiveRecord loads only files named <digits>_<snake_case_name>.rb")
        }
        if layout == .flyway, !(name.hasPrefix("V") || name.hasPrefix("R__")) || !name.contains("__") {
            throw MigrationReadError(
                path: path, line: 1, message: "Flyway runs only V<version>__<description>.sql and R__<description>.sql")
        }
        if contents.allSatisfy(\.isWhitespace) {
            throw MigrationReadError(path: path, line: 1, message: "empty migration: the file has no statements")
        }
        let sections: [SQLSection]
        var wrapped: String?
        switch layout {
        case .rails:
            let rails = try RailsSource.read(contents, path: path, engine: engine)
            sections = rails.sections
            if !rails.transactionDisabled {
                wrapped =
                    "ActiveRecord runs the migration in a transaction (the class does not call disable_ddl_transaction!)"
            }
        case .dbmate:
            guard let dbmate = try DbmateSource.read(contents, path: path) else {
                throw MigrationReadError(path: path, line: 1, message: "dbmate file without a `-- migrate:up` line")
            }
            sections = [dbmate.up]
            if !dbmate.transactionDisabled {
                wrapped = "dbmate runs the up block in a transaction (its `-- migrate:up` line lacks transaction:false)"
            }
        case .flyway:
            sections = [SQLSection(text: contents, startLine: 1, isOneQuery: false)]
            let configuration = files[path + ".conf"].map(flywaySetting)
            if configuration == true {
                wrapped = "\(name).conf sets executeInTransaction=true"
            } else if configuration == nil {
                wrapped = "Flyway runs the script in a transaction"  // refined below per script
            }
        case .plain, .golangMigrate:
            sections = [SQLSection(text: contents, startLine: 1)]
        }
        var statements: [MigrationStatement] = []
        for section in sections {
            let parsed: [DDLStatement]
            do {
                parsed = try SQLDialect(engine).ddlStatements(of: section.text)
            } catch {
                throw MigrationReadError(
                    path: path, line: section.startLine - 1 + (error.line ?? 1), column: error.column,
                    message: error.line == nil ? error.description : "SQL syntax error: \(error.message)")
            }
            let implicit = section.isOneQuery && parsed.count > 1
            var explicitSince: Int?
            for var statement in parsed {
                statement.line += section.startLine - 1
                var transaction: String?
                if let line = explicitSince {
                    transaction = "inside the transaction block opened at line \(line)"
                } else if let wrapped {
                    transaction = wrapped
                } else if implicit {
                    transaction =
                        "the \(parsed.count) statements \(layout == .rails ? "of this execute" : "of the file") "
                        + "are sent as one query, which PostgreSQL runs as one implicit transaction"
                }
                if statement.actions.contains(.beginTransaction) { explicitSince = statement.line }
                if statement.actions.contains(.endTransaction) { explicitSince = nil }
                statements.append(MigrationStatement(statement: statement, transaction: transaction))
            }
        }
        if layout == .flyway, files[path + ".conf"].map(flywaySetting) == nil {
            flywayAutoDetection(&statements, name: name)
        }
        if engine.isMySQLFamily {
            // MySQL/MariaDB DDL commits implicitly (facts-migrations.md sec. 4): a tool's transaction
            // never holds it, so no statement is reported as running inside one.
            for at in statements.indices { statements[at].transaction = nil }
        }
        return MigrationScript(path: path, layout: layout, version: version, statements: statements)
    }

    /// Flyway without a script configuration: it runs a script holding only statements that cannot
    /// run in a transaction (CREATE/DROP INDEX CONCURRENTLY) outside one (flyway#3854), and refuses
    /// to mix them with other statements unless `mixed=true`, running the script in a transaction.
    private static func flywayAutoDetection(_ statements: inout [MigrationStatement], name: String) {
        let nonTransactional = statements.map { statement in
            statement.actions.contains { action in
                switch action {
                case .createIndex(let index): index.concurrently
                case .dropIndex(let drop): drop.concurrently
                default: false
                }
            }
        }
        let explicit = statements.indices.filter { statements[$0].transaction?.hasPrefix("inside") == true }
        for at in statements.indices where !explicit.contains(at) {
            statements[at].transaction =
                nonTransactional.allSatisfy({ $0 })
                ? nil
                : "Flyway runs \(name) in a transaction: it mixes CONCURRENTLY with other statements and has no "
                    + "\(name).conf with executeInTransaction=false"
        }
    }

    /// `executeInTransaction=` of a Flyway script configuration; `nil` when it does not say.
    private static func flywaySetting(_ text: String) -> Bool? {
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == "executeInTransaction" { return parts[1].lowercased() == "true" }
        }
        return nil
    }

    /// Numeric parts of the version (`2.10` after `2.9`); unversioned files (Flyway `R__`) last.
    private static func versionKey(_ script: MigrationScript) -> [Int] {
        let parts = script.version.split(whereSeparator: { $0 == "." || $0 == "_" }).map { Int($0) ?? 0 }
        return parts.isEmpty ? [Int.max] : parts
    }
}
