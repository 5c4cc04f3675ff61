import Foundation
public import Logging
public import RehabCore
public import RehabRender
public import RehabSearch
import Synchronization

/// Keeps the reader-facing view of the content current: the ``RehabRender/SiteCatalog`` snapshot.
///
/// Requests read the current snapshot without waiting on each other; a refresh builds a new
/// snapshot from the store and swaps it in whole. Content changes are noticed by polling the
/// store's change token, so an import by another process shows up within a second.
public actor ContentService {
    /// The store's content as readers see it at one moment. A class: every request takes the
    /// snapshot, and one reference is cheaper to pass around than a struct of many.
    public final class Snapshot: Sendable {
        public let catalog: SiteCatalog
        /// The questions and answers readers can see, ready to search.
        public let search: SearchIndex
        public let token: Int64
        /// `Last-Modified` for pages built from this snapshot.
        public let lastModified: String
        /// The next UTC midnight, when articles dated that day become visible.
        let validUntil: Date
        /// The day the snapshot shows content for.
        let day: CalendarDate
        /// A hash of each visible article, to tell at the next refresh which articles changed.
        let articleHashes: [String: Int]
        /// Pages rendered from this snapshot.
        let pages = PageCache()

        init(catalog: SiteCatalog, search: SearchIndex, token: Int64, lastModified: String, validUntil: Date, day: CalendarDate,
             articleHashes: [String: Int]) {
            self.catalog = catalog
            self.search = search
            self.token = token
            self.lastModified = lastModified
            self.validUntil = validUntil
            self.day = day
            self.articleHashes = articleHashes
        }
    }

    public nonisolated let store: any ContentStore
    private let logger: Logger
    private let synonyms: SynonymTable
    /// The snapshot readers see, readable from any thread: requests take it without a hop onto the
    /// actor, which at tens of thousands of requests a second was a large share of each. Only the
    /// actor replaces it.
    private nonisolated let published = Mutex<Snapshot?>(nil)
    private var current: Snapshot? {
        get { published.withLock { $0 } }
        set { published.withLock { $0 = newValue } }
    }
    private var building: Task<Snapshot, any Error>?

    public init(store: any ContentStore, synonyms: SynonymTable, logger: Logger) {
        self.store = store
        self.synonyms = synonyms
        self.logger = logger
    }

    /// The current snapshot, built on first use and rebuilt when the day changes (future articles appear on their day).
    public nonisolated func snapshot() async throws -> Snapshot {
        if let snapshot = published.withLock({ $0 }), Date() < snapshot.validUntil { return snapshot }
        return try await snapshotOrRebuild()
    }

    private func snapshotOrRebuild() async throws -> Snapshot {
        if let current, Date() < current.validUntil { return current }
        do {
            return try await rebuild()
        } catch let error as StoreError where error.isUnavailable {
            // Past midnight with the database down: yesterday's snapshot beats no page at all.
            guard let current else { throw error }
            logger.warning("Serving the last content snapshot while the database is out of reach", metadata: ["error": "\(error)"])
            return current
        }
    }

    /// Whether a snapshot has been built (the search index is loaded).
    public var isLoaded: Bool { current != nil }

    /// Rebuilds the snapshot if the store changed since it was built.
    /// - Returns: Whether a new snapshot was swapped in.
    @discardableResult
    public func refreshIfChanged() async throws -> Bool {
        let token = try await store.changeToken()
        if let current, current.token == token, Date() < current.validUntil { return false }
        try await rebuild()
        return true
    }

    /// Builds a new snapshot, or joins the build already under way.
    @discardableResult
    private func rebuild() async throws -> Snapshot {
        if let building { return try await building.value }
        let previous = current
        let task = Task { try await self.makeSnapshot(updating: previous) }
        building = task
        defer { building = nil }
        let snapshot = try await task.value
        current = snapshot
        return snapshot
    }

    /// Reads the store and builds a snapshot. The search index of `previous` is updated for the
    /// articles that changed, rather than built again, when it shows the same day.
    private func makeSnapshot(updating previous: Snapshot?) async throws -> Snapshot {
        let token = try await store.changeToken()
        async let authors = store.authors()
        async let topics = store.topics()
        async let images = store.imageHashes()
        async let articles = store.allArticles()
        let now = Date()
        let day = CalendarDate(containing: now)
        let (authorList, topicList, imageList, articleList) =
            (try await authors, try await topics, try await images, try await articles)
        let synonyms = self.synonyms
        // Build off the actor: requests keep getting the current snapshot while this one is made.
        let (catalog, search, hashes) = await Task.detached {
            // The catalogue's summaries come from the same read as the search index: one pass over the articles.
            let catalog = SiteCatalog(summaries: articleList.map(ArticleSummary.init), authors: authorList, topics: topicList,
                                      imageHashes: imageList, day: day, builtAt: now)
            let visible = articleList.filter { $0.isVisible(on: day) }
            var hashes: [String: Int] = [:]
            for article in visible { hashes[article.slug] = article.hashValue }
            guard let previous, previous.day == day else {
                return (catalog, SearchDocuments.index(for: visible, visibleOn: day, synonyms: synonyms), hashes)
            }
            let changed = visible.filter { previous.articleHashes[$0.slug] != hashes[$0.slug] }
            let gone = previous.articleHashes.keys.filter { hashes[$0] == nil }
            guard !changed.isEmpty || !gone.isEmpty else { return (catalog, previous.search, hashes) }
            let search = previous.search.updating(removingArticles: Set(gone).union(changed.map(\.slug)),
                                                  adding: SearchDocuments.make(from: changed, visibleOn: day))
            return (catalog, search, hashes)
        }.value
        let snapshot = Snapshot(catalog: catalog, search: search, token: token, lastModified: HTTPDate.format(now),
                                validUntil: day.adding(days: 1).startInstant, day: day, articleHashes: hashes)
        logger.debug("Content catalogue rebuilt", metadata: ["content.articles": "\(catalog.articles.count)", "content.token": "\(token)"])
        return snapshot
    }
}

/// Dates in the format HTTP headers use: `Tue, 25 Nov 2026 21:23:51 GMT`.
enum HTTPDate {
    static func format(_ date: Date) -> String { makeFormatter().string(from: date) }

    static func parse(_ text: String) -> Date? { makeFormatter().date(from: text) }

    /// A new formatter each time: `DateFormatter` is not safe to share between threads.
    private static func makeFormatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }
}
