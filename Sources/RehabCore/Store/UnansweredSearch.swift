public import Foundation

/// A search that found nothing, counted for editors. Readers' queries are health data: only the
/// normalised text, a count and two dates are kept, never who asked; rows unseen for
/// ``retentionDays`` days are deleted.
public struct UnansweredSearch: Sendable, Hashable, Codable {
    /// How long a query is kept after it was last seen.
    public static let retentionDays = 90
    /// The longest query kept, in characters; longer ones are cut.
    public static let maximumLength = 200

    public var query: String
    public var count: Int
    public var firstSeen: Date
    public var lastSeen: Date

    public init(query: String, count: Int, firstSeen: Date, lastSeen: Date) {
        self.query = query
        self.count = count
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    /// The form a query is counted under: trimmed, lowercased, single spaces, at most ``maximumLength`` characters.
    public static func normalize(_ query: String) -> String {
        let words = query.lowercased().split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        return String(words.joined(separator: " ").prefix(maximumLength))
    }

    /// The oldest `lastSeen` still kept at `now`.
    public static func cutoff(at now: Date) -> Date { now.addingTimeInterval(-Double(retentionDays) * 86_400) }
}
