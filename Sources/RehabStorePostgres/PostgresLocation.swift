public import Foundation

/// Where a PostgreSQL database is, parsed from a `postgres://user:pass@host:port/db?sslmode=…` URL.
///
/// The password is optional in the URL; it may instead come from the `REHABFAQS_DATABASE_PASSWORD`
/// environment variable or from a file (see ``withPassword(fromFile:environment:)``). It never
/// appears in ``description``, so a location can be logged.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is encrypted: `sslmode` in the URL.
    public enum TLSMode: String, Sendable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it (the default).
        case prefer
        /// TLS or no connection.
        case require
    }

    public var user: String
    public var password: String?
    /// A host name or address, or a folder holding the server's Unix socket (from `?host=/path`).
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode

    /// Whether `host` names a Unix-socket folder rather than a network host.
    public var usesUnixSocket: Bool { host.hasPrefix("/") }

    /// The socket file PostgreSQL listens on inside the ``host`` folder.
    public var unixSocketPath: String { "\(host)/.s.PGSQL.\(port)" }

    public init(user: String, password: String? = nil, host: String = "127.0.0.1", port: Int = 5432, database: String, tls: TLSMode = .prefer) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.tls = tls
    }

    /// Parses a URL, with a message that says what is wrong when it cannot.
    public init(url text: String) throws(PostgresLocationError) {
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else {
            throw .init("a PostgreSQL URL starts with postgres://, as in postgres://user:pass@host:5432/db")
        }
        guard let components = URLComponents(string: text) else {
            throw .init("'\(Self.redacting(text))' is not a valid URL; write postgres://user:pass@host:5432/db")
        }
        guard let user = components.user?.removingPercentEncoding, !user.isEmpty else {
            throw .init("the URL names no user; write postgres://USER@host:5432/db")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw .init("the URL names no database; write postgres://user@host:5432/DATABASE")
        }
        var host = components.host ?? ""
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                    throw .init("sslmode must be disable, prefer or require, not '\(item.value ?? "")'")
                }
                tls = mode
            case "host":
                guard let value = item.value, value.hasPrefix("/") else {
                    throw .init("?host= must be the absolute path of the folder that holds the server's socket")
                }
                host = value
            default:
                throw .init("unknown URL parameter '\(item.name)'; only sslmode and host are understood")
            }
        }
        guard !host.isEmpty else { throw .init("the URL names no host; write postgres://user@HOST:5432/db") }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw .init("port \(port) is out of range 1-65535") }
        self.init(user: user, password: components.password?.removingPercentEncoding, host: host, port: port,
                  database: database.removingPercentEncoding ?? database, tls: tls)
    }

    /// The same location with the password taken from a file (its first line) or from
    /// `REHABFAQS_DATABASE_PASSWORD`, when the URL has none.
    public func withPassword(fromFile path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PostgresLocationError) -> Self {
        var copy = self
        if let path {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw .init("cannot read the password file \(path)")
            }
            copy.password = String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        } else if copy.password == nil, let fromEnvironment = environment["REHABFAQS_DATABASE_PASSWORD"], !fromEnvironment.isEmpty {
            copy.password = fromEnvironment
        }
        return copy
    }

    /// The URL with the password left out: safe for logs and messages.
    public var description: String {
        let address = usesUnixSocket ? "localhost:\(port)/\(database)?host=\(host)" : "\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
        return "postgres://\(user)\(password == nil ? "" : ":***")@\(address)"
    }

    /// A URL as typed, with any password replaced by `***`.
    public static func redacting(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://"), scheme.upperBound < at,
              let colon = text[scheme.upperBound..<at].firstIndex(of: ":") else { return text }
        return text[..<text.index(after: colon)] + "***" + text[at...]
    }
}

/// A PostgreSQL URL or password source that cannot be used, said in plain words.
public struct PostgresLocationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
