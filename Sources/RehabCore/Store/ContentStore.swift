public import Foundation

/// Where content lives: the source of truth that the site, search and exports are derived from.
///
/// Two implementations share this protocol and one conformance suite: SQLite (the default, one file)
/// and, later, PostgreSQL (several app nodes). Every method is safe to call concurrently.
///
/// ## Topics
/// ### Writing
/// - ``migrate()``
/// - ``apply(_:prune:onlyIfEmpty:)``
/// ### Reading
/// - ``article(slug:)``
/// - ``articleSlug(forAlias:)``
/// - ``articleSummaries()``
/// - ``allArticles()``
/// - ``authors()``
/// - ``topics()``
/// - ``image(named:)``
/// - ``imageHashes()``
/// - ``exportAll()``
/// - ``changeToken()``
/// - ``changeSignals(interval:)``
/// ### Unanswered searches
/// - ``recordUnansweredSearch(_:at:)``
/// - ``unansweredSearches(at:)``
public protocol ContentStore: Sendable {
    /// Creates or upgrades the schema. Safe to call on every start, also from several processes at once.
    func migrate() async throws

    /// Writes a validated bundle in one transaction: authors, topics and images are inserted or
    /// replaced, each article replaces its stored version (questions included), and unchanged
    /// content is left untouched.
    ///
    /// - Parameters:
    ///   - bundle: Content that has passed validation.
    ///   - prune: Remove stored articles whose slugs are not in `bundle`.
    ///   - onlyIfEmpty: Write only if the store holds no article, deciding inside the transaction,
    ///     so that several nodes starting together seed the starter content once.
    /// - Returns: What changed, or `nil` when `onlyIfEmpty` was set and the store was not empty.
    @discardableResult
    func apply(_ bundle: ContentBundle, prune: Bool, onlyIfEmpty: Bool) async throws -> ImportSummary?

    /// The article with this slug, drafts and future articles included.
    func article(slug: String) async throws -> Article?

    /// The slug of the article that lists `alias` among its old slugs.
    func articleSlug(forAlias alias: String) async throws -> String?

    /// Every stored article without bodies, drafts included, in slug order.
    func articleSummaries() async throws -> [ArticleSummary]

    /// Every article with its sections, drafts included, in slug order (for building the search index).
    func allArticles() async throws -> [Article]

    /// Every author, in slug order.
    func authors() async throws -> [Author]

    /// Every topic description, in slug order.
    func topics() async throws -> [TopicDescription]

    /// The image stored under `name`.
    func image(named name: String) async throws -> ImageAsset?

    /// The content hash of every stored image, by name.
    func imageHashes() async throws -> [String: String]

    /// Everything stored, for export and for comparing stores.
    func exportAll() async throws -> ContentBundle

    /// A number that changes whenever a write changes content, seen by every process that shares the store.
    func changeToken() async throws -> Int64

    /// Counts a search that found nothing (see ``UnansweredSearch``) and deletes rows past retention.
    func recordUnansweredSearch(_ query: String, at date: Date) async throws

    /// Searches that found nothing and were seen within the retention period at `now`, most frequent first.
    func unansweredSearches(at now: Date) async throws -> [UnansweredSearch]

    /// Signals that the content may have changed, for a reader to compare ``changeToken()`` again.
    ///
    /// SQLite signals every `interval` (a poll of one number); PostgreSQL signals on each change
    /// announced with LISTEN/NOTIFY by any process, after every reconnect, and every `interval`
    /// as a fallback. The stream ends when the task iterating it is cancelled.
    func changeSignals(interval: Duration) -> AsyncStream<Void>
}

extension ContentStore {
    /// A signal every `interval`, for stores that other processes can only be polled through.
    public func pollingSignals(interval: Duration) -> AsyncStream<Void> {
        AsyncStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            let ticker = continuation.yieldEvery(interval)
            continuation.onTermination = { _ in ticker.cancel() }
        }
    }

    /// Writes a validated bundle; see ``apply(_:prune:onlyIfEmpty:)``.
    @discardableResult
    public func apply(_ bundle: ContentBundle, prune: Bool = false) async throws -> ImportSummary {
        // With onlyIfEmpty false the store always writes and returns a summary.
        try await apply(bundle, prune: prune, onlyIfEmpty: false) ?? ImportSummary()
    }
}

extension AsyncStream<Void>.Continuation {
    /// Yields a signal every `interval` until the returned task is cancelled.
    public func yieldEvery(_ interval: Duration) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { return }
                yield()
            }
        }
    }
}
