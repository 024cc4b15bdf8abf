import AdvisorCore
import CLibPQ
import Foundation

/// The keyword/value pairs handed to `PQconnectdbParams`, derived from a DSN.
///
/// Only what the DSN states is passed explicitly; libpq fills every missing keyword itself from
/// `PGSERVICE`, the `PG*` variables and its compiled defaults, and looks up `.pgpass` when no password
/// is given (libpq docs, 34.1.2 and 34.15), so users keep the precedence they know from `psql`.
struct ConnectionParameters: Equatable {
    /// Seconds libpq waits per host before giving up, unless the DSN or `PGCONNECT_TIMEOUT` says otherwise.
    static let defaultConnectTimeout = 10

    /// Keyword/value pairs in the order they are passed; a later duplicate wins in libpq.
    private(set) var pairs: [(keyword: String, value: String)] = []

    /// Builds the pairs for `dsn` (`nil`: everything from libpq's environment).
    ///
    /// `environment` only decides dbadvisor's own defaults; libpq reads `PG*` from the process itself.
    init(dsn: DataSourceName?, environment: [String: String]) {
        if let dsn {
            add("user", dsn.user)
            add("password", dsn.password)
            add("host", dsn.host)
            add("port", dsn.port.map(String.init))
            add("dbname", dsn.database)
            for option in dsn.options { add(option.key, option.value) }
        }
        // `fallback_application_name` applies only when neither the DSN nor PGAPPNAME names the
        // application (libpq docs, 34.1.2), which is exactly "dbadvisor unless given".
        add("fallback_application_name", "dbadvisor")
        // libpq's own default is to wait forever for an unreachable host.
        if value(for: "connect_timeout") == nil, environment["PGCONNECT_TIMEOUT"] == nil {
            add("connect_timeout", String(Self.defaultConnectTimeout))
        }
    }

    /// The value given for `keyword`, if any (the last one, as libpq would use it).
    func value(for keyword: String) -> String? {
        pairs.last { $0.keyword == keyword }?.value
    }

    static func == (a: ConnectionParameters, b: ConnectionParameters) -> Bool {
        a.pairs.map(\.keyword) == b.pairs.map(\.keyword) && a.pairs.map(\.value) == b.pairs.map(\.value)
    }

    private mutating func add(_ keyword: String, _ value: String?) {
        if let value { pairs.append((keyword, value)) }
    }
}

extension ConnectionParameters {
    /// Keywords libpq would reject, checked against `PQconndefaults()` so a typo in a DSN option is
    /// reported as a configuration error naming the option, before any network traffic.
    var unknownKeywords: [String] {
        guard let defaults = PQconndefaults() else { return [] }
        defer { PQconninfoFree(defaults) }
        var known: Set<String> = []
        var option = defaults
        while let keyword = option.pointee.keyword {
            known.insert(String(cString: keyword))
            option += 1
        }
        return pairs.map(\.keyword).filter { !known.contains($0) }
    }

    /// Calls `body` with NULL-terminated C arrays of keywords and values, as `PQconnectdbParams` takes them.
    func withCArrays<Result>(
        _ body: (UnsafePointer<UnsafePointer<CChar>?>, UnsafePointer<UnsafePointer<CChar>?>) -> Result
    ) -> Result {
        let keywords = pairs.map { UnsafePointer(strdup($0.keyword)) } + [nil]
        let values = pairs.map { UnsafePointer(strdup($0.value)) } + [nil]
        defer {
            // strdup copies: libpq copies what it keeps, so ours live only for this call.
            for pointer in keywords + values { free(UnsafeMutablePointer(mutating: pointer)) }
        }
        return body(keywords, values)
    }
}
