import Foundation

/// Connection settings parsed from a DSN such as `postgres://app:secret@db:5432/shop?sslmode=require`.
///
/// Missing parts stay `nil` so the driver can fill them from the engine's usual environment
/// (`PGHOST`, `MYSQL_TCP_PORT`, …). The password is never part of `description`.
public struct DataSourceName: Equatable, Sendable, CustomStringConvertible {
    public var engine: Engine
    public var user: String?
    public var password: String?
    public var host: String?
    public var port: Int?
    public var database: String?
    /// Query-string options (`sslmode`, `connect_timeout`, `socket`, …), in order of appearance.
    public var options: [(key: String, value: String)]

    public init(
        engine: Engine, user: String? = nil, password: String? = nil, host: String? = nil, port: Int? = nil,
        database: String? = nil, options: [(key: String, value: String)] = []
    ) {
        self.engine = engine
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.options = options
    }

    /// Parses `postgres://`, `postgresql://`, `mysql://` or `mariadb://` URLs.
    ///
    /// Errors name what is wrong and never echo the password.
    public init(parsing text: String) throws(DriverError) {
        func invalid(_ why: String, engine: Engine = .postgres) -> DriverError {
            DriverError(kind: .invalidConfiguration, engine: engine, message: "malformed DSN: \(why)", server: "DSN")
        }
        guard let schemeEnd = text.range(of: "://") else {
            throw invalid("expected postgres://… or mysql://… (got no scheme)")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        let engine: Engine
        switch scheme {
        case "postgres", "postgresql": engine = .postgres
        case "mysql": engine = .mysql
        case "mariadb": engine = .mariadb
        default: throw invalid("unknown scheme '\(scheme)'; use postgres://, mysql:// or mariadb://")
        }
        var rest = Substring(text[schemeEnd.upperBound...])
        var query = Substring("")
        if let q = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        var path = Substring("")
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var user: String?
        var password: String?
        // The last '@' separates credentials: passwords may contain '@' when not percent-encoded.
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                user = try Self.decode(credentials[..<colon], engine: engine, what: "user")
                password = try Self.decode(
                    credentials[credentials.index(after: colon)...], engine: engine, what: "password")
            } else {
                user = try Self.decode(credentials, engine: engine, what: "user")
            }
        }
        var host: String?
        var port: Int?
        if rest.hasPrefix("[") {  // [::1]:5432
            guard let close = rest.firstIndex(of: "]") else { throw invalid("unclosed '[' in host", engine: engine) }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
            if rest.hasPrefix(":") {
                rest = rest.dropFirst()
            } else if !rest.isEmpty {
                throw invalid("unexpected text after ']'", engine: engine)
            }
            if !rest.isEmpty { port = Int(rest) ?? -1 }
        } else if let colon = rest.lastIndex(of: ":") {
            host = String(rest[..<colon])
            port = Int(rest[rest.index(after: colon)...]) ?? -1
        } else if !rest.isEmpty {
            host = String(rest)
        }
        if let p = port, !(1...65535).contains(p) {
            throw invalid("port must be a number from 1 to 65535", engine: engine)
        }
        if host?.isEmpty == true { host = nil }
        let database = path.isEmpty ? nil : try Self.decode(path, engine: engine, what: "database")
        var options: [(key: String, value: String)] = []
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw invalid("option '\(pair)' is not key=value", engine: engine)
            }
            options.append(
                (
                    try Self.decode(parts[0], engine: engine, what: "option"),
                    try Self.decode(parts[1], engine: engine, what: "option")
                ))
        }
        self.init(
            engine: engine, user: user, password: password, host: host, port: port, database: database,
            options: options)
    }

    /// The value of a query-string option, if given.
    public func option(_ key: String) -> String? {
        options.last(where: { $0.key == key })?.value
    }

    /// `scheme://user@host:port/database`, without the password.
    public var description: String {
        var s = "\(engine == .postgres ? "postgres" : engine.rawValue)://"
        if let user { s += user + "@" }
        s += host.map { $0.contains(":") ? "[\($0)]" : $0 } ?? ""
        if let port { s += ":\(port)" }
        if let database { s += "/\(database)" }
        return s
    }

    /// `host:port/database` for messages, never the password.
    public var serverLabel: String {
        var s = host ?? "localhost"
        if let port { s += ":\(port)" }
        if let database { s += "/\(database)" }
        return s
    }

    public static func == (a: DataSourceName, b: DataSourceName) -> Bool {
        a.engine == b.engine && a.user == b.user && a.password == b.password && a.host == b.host
            && a.port == b.port && a.database == b.database
            && a.options.map(\.key) == b.options.map(\.key) && a.options.map(\.value) == b.options.map(\.value)
    }

    private static func decode(_ s: Substring, engine: Engine, what: String) throws(DriverError) -> String {
        guard let decoded = String(s).removingPercentEncoding else {
            throw DriverError(
                kind: .invalidConfiguration, engine: engine,
                message: "malformed DSN: bad percent-encoding in the \(what)", server: "DSN")
        }
        return decoded
    }
}
