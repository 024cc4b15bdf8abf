import Foundation
import Migrations

/// Writes the plain SQL files of a rule example in another tool's layout, the way a careful author
/// would: same statements, and the tool's no-transaction marker (Flyway `.conf`, dbmate
/// `transaction:false`, Rails `disable_ddl_transaction!`), so every rule but the transaction rule
/// must find the same problems in each layout.
enum LayoutTransposer {
    /// The path of the migration `path` (a plain `<digits>_<name>.sql`) in `layout`.
    static func renamed(_ path: String, to layout: MigrationLayout) -> String {
        let version = String(path.prefix { $0.isNumber })
        let name = String(path.dropFirst(version.count + 1).dropLast(4))
        switch layout {
        case .plain, .dbmate: return path
        case .flyway: return "V\(version)__\(name).sql"
        case .golangMigrate: return "\(version)_\(name).up.sql"
        case .rails: return "\(version)_\(name).rb"
        }
    }

    /// `nil` when a file is not a plain `<digits>_<name>.sql` file.
    static func transpose(_ files: [String: String], to layout: MigrationLayout) -> [String: String]? {
        var result: [String: String] = [:]
        for (path, contents) in files {
            guard let match = path.range(of: #"^[0-9]+_[a-z0-9_]+\.sql$"#, options: .regularExpression),
                match.lowerBound == path.startIndex, !contents.contains("-- migrate:")
            else { return nil }
            let version = String(path.prefix { $0.isNumber })
            let name = String(path.dropFirst(version.count + 1).dropLast(4))
            switch layout {
            case .plain:
                result[path] = contents
            case .flyway:
                result["V\(version)__\(name).sql"] = contents
                result["V\(version)__\(name).sql.conf"] = "executeInTransaction=false\n"
            case .golangMigrate:
                result["\(version)_\(name).up.sql"] = contents
                result["\(version)_\(name).down.sql"] = "-- reverts \(name)\n"
            case .dbmate:
                result[path] = "-- migrate:up transaction:false\n\(contents)\n-- migrate:down\n"
            case .rails:
                let className = name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
                let body = contents.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.isEmpty ? "" : "      " + $0 }.joined(separator: "\n")
                result["\(version)_\(name).rb"] = """
                    class \(className) < ActiveRecord::Migration[7.1]
                      disable_ddl_transaction!

                      def up
                        execute <<~'SQL'
                    \(body)
                        SQL
                      end
                    end

                    """
            }
        }
        return result
    }
}
