/// A storage failure that callers can recognise.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case unsupportedDatabase
        case invalidDatabaseURL
        case inconsistentContent
        case unavailable
    }

    private let code: Code
    /// What went wrong, for people.
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The `--database` value names an engine this build cannot use.
    public static func unsupportedDatabase(_ message: String) -> Self { .init(.unsupportedDatabase, message) }
    /// The `--database` value cannot be understood.
    public static func invalidDatabaseURL(_ message: String) -> Self { .init(.invalidDatabaseURL, message) }
    /// A write would break the store's rules (for example an article whose author is not stored).
    public static func inconsistentContent(_ message: String) -> Self { .init(.inconsistentContent, message) }

    /// The database cannot be reached right now (stopped, restarting, network); trying again later may work.
    public static func unavailable(_ message: String) -> Self { .init(.unavailable, message) }

    /// Whether the error says the database is out of reach for now, rather than that the request was wrong.
    public var isUnavailable: Bool { code == .unavailable }

    /// Whether two errors are of the same kind, whatever their messages.
    public func isSameKind(as other: StoreError) -> Bool { code == other.code }

    public var description: String { message }
}
