public import Foundation
public import Logging
import NIOSSL
import PostgresNIO
public import RehabCore

/// The content store for several app nodes: one PostgreSQL database through a PostgresNIO
/// connection pool, with bound parameters only.
///
/// Every content write is one transaction under an advisory lock (writers take turns, as with
/// SQLite's `IMMEDIATE`), and announces itself with `NOTIFY rehabfaqs_content` when it commits, so
/// that every node's ``changeSignals(interval:)`` fires within moments.
///
/// The pool must run while the store is used: call ``run()`` in a long-running task, or use
/// ``withStore(_:logger:_:)``.
public struct PostgresContentStore: ContentStore {
    /// The channel writes are announced on.
    static let channel = "rehabfaqs_content"

    public let location: PostgresLocation
    let client: PostgresClient
    private let logger: Logger
    /// How long a read waits for the database before giving up as unavailable.
    private let readTimeout: Duration

    /// A store for the database at `location`; nothing connects until the first query.
    public init(location: PostgresLocation, logger: Logger, readTimeout: Duration = .seconds(5)) {
        var configuration: PostgresClient.Configuration
        let tls: PostgresClient.Configuration.TLS = switch location.tls {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
        if location.usesUnixSocket {
            configuration = .init(unixSocketPath: location.unixSocketPath, username: location.user,
                                  password: location.password, database: location.database)
        } else {
            configuration = .init(host: location.host, port: location.port, username: location.user,
                                  password: location.password, database: location.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(3)
        configuration.options.maximumConnections = 10
        self.location = location
        self.logger = logger
        self.readTimeout = readTimeout
        // The pool reports every failed connection attempt at info level; the store reports outages itself.
        var poolLogger = logger
        poolLogger.logLevel = max(logger.logLevel, .warning)
        client = PostgresClient(configuration: configuration, backgroundLogger: poolLogger)
    }

    /// Runs the connection pool until the task is cancelled.
    public func run() async {
        await client.run()
    }

    /// Runs `body` with a store for `location` whose pool runs meanwhile, and stops the pool after.
    public static func withStore<Result: Sendable>(
        _ location: PostgresLocation, logger: Logger, _ body: (PostgresContentStore) async throws -> Result
    ) async throws -> Result {
        let store = PostgresContentStore(location: location, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.run() }
            defer { group.cancelAll() }
            return try await body(store)
        }
    }

    // MARK: - Writing

    public func migrate() async throws {
        try await ping()
        try await translatingErrors(timeout: .seconds(60)) { [client, logger] in
            try await PostgresMigrations.migrate(client, logger: logger)
        }
    }

    @discardableResult
    public func apply(_ bundle: ContentBundle, prune: Bool, onlyIfEmpty: Bool) async throws -> ImportSummary? {
        // Fail fast when the database is down; a write itself may take as long as it needs.
        try await ping()
        return try await translatingErrors(timeout: nil) { [client, logger] in
            try await client.withTransaction(logger: logger) { connection -> ImportSummary? in
                try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresMigrations.writeLock))", logger: logger)
                if onlyIfEmpty {
                    let rows = try await connection.query("SELECT count(*) FROM article", logger: logger)
                    for try await count in rows.decode(Int64.self) where count > 0 { return nil }
                }
                return try await Self.write(bundle, prune: prune, on: connection, logger: logger)
            }
        }
    }

    private static func write(_ bundle: ContentBundle, prune: Bool, on connection: PostgresConnection, logger: Logger) async throws -> ImportSummary {
        var authors: [String: Author] = [:]
        for author in try await fetchAuthors(on: connection, logger: logger) { authors[author.slug] = author }
        var topics: [String: TopicDescription] = [:]
        for topic in try await fetchTopics(on: connection, logger: logger) { topics[topic.slug] = topic }
        var imageHashes: [String: String] = [:]
        for try await (name, hash) in try await connection.query("SELECT id, hash FROM image", logger: logger).decode((String, String).self) {
            imageHashes[name] = hash
        }
        let slugs = bundle.articles.map(\.slug)
        var stored: [String: Article] = [:]
        for article in try await fetchArticles(slugs: slugs, on: connection, logger: logger) { stored[article.slug] = article }
        var storedSlugs: [String] = []
        if prune {
            for try await slug in try await connection.query("SELECT id FROM article", logger: logger).decode(String.self) { storedSlugs.append(slug) }
        }
        let plan = try ContentWritePlan(
            bundle, prune: prune,
            storedAuthor: { authors[$0] }, storedTopic: { topics[$0] }, storedImageHash: { imageHashes[$0] },
            storedArticle: { stored[$0] }, storedSlugs: { storedSlugs }
        )
        let now = Date()
        for author in plan.authors {
            try await connection.query("""
                INSERT INTO author (id, name, kind, credentials, url, bio)
                VALUES (\(author.slug), \(author.name), \(author.kind.rawValue), \(author.credentials), \(author.url), \(author.bio))
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, credentials = excluded.credentials, url = excluded.url, bio = excluded.bio
                """, logger: logger)
        }
        for topic in plan.topics {
            try await connection.query("""
                INSERT INTO topic (id, name, description) VALUES (\(topic.slug), \(topic.name), \(topic.description))
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description
                """, logger: logger)
        }
        for image in plan.images {
            try await connection.query("""
                INSERT INTO image (id, content_type, hash, data, modified_at) VALUES (\(image.name), \(image.contentType), \(image.hash), \(Data(image.data)), \(now))
                ON CONFLICT (id) DO UPDATE SET content_type = excluded.content_type, hash = excluded.hash, data = excluded.data, modified_at = excluded.modified_at
                """, logger: logger)
        }
        // Replaced articles go first, with their child rows (ON DELETE CASCADE), then all come back in batches.
        let replaced = plan.articles.filter(\.replaces).map(\.article.slug)
        if !replaced.isEmpty {
            try await connection.query("DELETE FROM article WHERE id = ANY(\(replaced))", logger: logger)
        }
        for query in insertions(for: plan.articles.map(\.article), modifiedAt: now) {
            try await connection.query(query, logger: logger)
        }
        if !plan.removedSlugs.isEmpty {
            try await connection.query("DELETE FROM article WHERE id = ANY(\(plan.removedSlugs))", logger: logger)
        }
        if plan.summary.changedAnything {
            // Delivered to every listening node when the transaction commits, never before.
            try await connection.query("""
                WITH bumped AS (UPDATE content_version SET version = version + 1 WHERE id = 1 RETURNING version)
                SELECT pg_notify(\(channel), version::text) FROM bumped
                """, logger: logger)
        }
        return plan.summary
    }

    /// Multi-row inserts for the articles and their child rows.
    private static func insertions(for articles: [Article], modifiedAt: Date) -> [PostgresQuery] {
        var rows = RowBatch(table: "article", columns: ["id", "title", "author_id", "reviewer_id", "published", "updated", "reviewed",
                                                         "index_term", "audience", "summary", "intro", "draft", "modified_at"])
        var topicRows = RowBatch(table: "article_topic", columns: ["article_id", "position", "name", "slug"])
        var referenceRows = RowBatch(table: "article_reference", columns: ["article_id", "position", "title", "publisher", "url", "accessed"])
        var aliasRows = RowBatch(table: "article_alias", columns: ["id", "article_id"])
        var sectionRows = RowBatch(table: "article_section", columns: ["article_id", "position", "kind", "heading", "heading_source", "anchor", "body"])
        // An alias belongs to one article: one that moves is taken from its old article first, and
        // within a run the last article that claims it keeps it.
        var aliasOwner: [String: String] = [:]
        for article in articles { for alias in article.aliases { aliasOwner[alias] = article.slug } }
        for article in articles {
            rows.add { row in
                row.append(article.slug); row.append(article.title); row.append(article.author)
                row.append(article.reviewer); row.append(article.published.description)
                row.append(article.updated?.description); row.append(article.reviewed?.description)
                row.append(article.index); row.append(article.audience); row.append(article.summary)
                row.append(article.intro); row.append(article.draft); row.append(modifiedAt)
            }
            for (position, name) in article.topics.enumerated() {
                topicRows.add { row in
                    row.append(article.slug); row.append(Int32(position)); row.append(name); row.append(Slug.make(from: name))
                }
            }
            for (position, item) in article.references.enumerated() {
                referenceRows.add { row in
                    row.append(article.slug); row.append(Int32(position)); row.append(item.title)
                    row.append(item.publisher); row.append(item.url); row.append(item.accessed?.description)
                }
            }
            for alias in Set(article.aliases).sorted() where aliasOwner[alias] == article.slug {
                aliasRows.add { row in row.append(alias); row.append(article.slug) }
            }
            for (position, item) in article.sections.enumerated() {
                sectionRows.add { row in
                    row.append(article.slug); row.append(Int32(position)); row.append(item.kind.rawValue)
                    row.append(item.heading); row.append(item.headingSource); row.append(item.anchor); row.append(item.body)
                }
            }
        }
        let movedAliases = aliasOwner.keys.sorted()
        let release: [PostgresQuery] = movedAliases.isEmpty ? [] : ["DELETE FROM article_alias WHERE id = ANY(\(movedAliases))"]
        return rows.finish() + topicRows.finish() + referenceRows.finish() + release + aliasRows.finish() + sectionRows.finish()
    }

    // MARK: - Reading

    public func article(slug: String) async throws -> Article? {
        try await read { connection, logger in try await Self.fetchArticles(slugs: [slug], on: connection, logger: logger).first }
    }

    public func articleSlug(forAlias alias: String) async throws -> String? {
        try await read { connection, logger in
            for try await slug in try await connection.query("SELECT article_id FROM article_alias WHERE id = \(alias)", logger: logger).decode(String.self) {
                return slug
            }
            return nil
        }
    }

    public func articleSummaries() async throws -> [ArticleSummary] {
        try await read { connection, logger in
            var topics: [String: [String]] = [:]
            for try await (slug, name) in try await connection.query(
                "SELECT article_id, name FROM article_topic ORDER BY article_id, position", logger: logger
            ).decode((String, String).self) {
                topics[slug, default: []].append(name)
            }
            var questions: [String: [ArticleSummary.QuestionLink]] = [:]
            for try await (slug, heading, anchor) in try await connection.query(
                "SELECT article_id, heading, anchor FROM article_section WHERE kind = 'question' ORDER BY article_id, position", logger: logger
            ).decode((String, String, String).self) {
                questions[slug, default: []].append(ArticleSummary.QuestionLink(heading: heading, anchor: anchor))
            }
            return try await Self.fetchArticleRows(where: nil, on: connection, logger: logger).map { row in
                ArticleSummary(slug: row.slug, title: row.title, author: row.author, reviewer: row.reviewer, published: row.published,
                               updated: row.updated, reviewed: row.reviewed, topics: topics[row.slug] ?? [],
                               indexTerm: row.index ?? IndexTerm.derive(fromTitle: row.title), audience: row.audience,
                               summary: row.summary, draft: row.draft, questions: questions[row.slug] ?? [])
            }
        }
    }

    public func allArticles() async throws -> [Article] {
        try await read { connection, logger in try await Self.fetchArticles(slugs: nil, on: connection, logger: logger) }
    }

    public func authors() async throws -> [Author] {
        try await read { connection, logger in try await Self.fetchAuthors(on: connection, logger: logger) }
    }

    public func topics() async throws -> [TopicDescription] {
        try await read { connection, logger in try await Self.fetchTopics(on: connection, logger: logger) }
    }

    public func image(named name: String) async throws -> ImageAsset? {
        try await read { connection, logger in
            for try await (contentType, data) in try await connection.query(
                "SELECT content_type, data FROM image WHERE id = \(name)", logger: logger
            ).decode((String, Data).self) {
                return ImageAsset(name: name, contentType: contentType, data: Array(data))
            }
            return nil
        }
    }

    public func imageHashes() async throws -> [String: String] {
        try await read { connection, logger in
            var hashes: [String: String] = [:]
            for try await (name, hash) in try await connection.query("SELECT id, hash FROM image", logger: logger).decode((String, String).self) {
                hashes[name] = hash
            }
            return hashes
        }
    }

    public func exportAll() async throws -> ContentBundle {
        // One transaction, so that the export is one consistent moment of the content.
        try await translatingErrors(timeout: nil) { [client, logger] in
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                var images: [ImageAsset] = []
                for try await (name, contentType, data) in try await connection.query(
                    "SELECT id, content_type, data FROM image ORDER BY id", logger: logger
                ).decode((String, String, Data).self) {
                    images.append(ImageAsset(name: name, contentType: contentType, data: Array(data)))
                }
                return ContentBundle(
                    articles: try await Self.fetchArticles(slugs: nil, on: connection, logger: logger),
                    authors: try await Self.fetchAuthors(on: connection, logger: logger),
                    topics: try await Self.fetchTopics(on: connection, logger: logger),
                    images: images
                )
            }
        }
    }

    public func changeToken() async throws -> Int64 {
        try await read { connection, logger in
            for try await version in try await connection.query("SELECT version FROM content_version WHERE id = 1", logger: logger).decode(Int64.self) {
                return version
            }
            return 0
        }
    }

    /// Checks that the database answers within the read time limit.
    public func ping() async throws {
        _ = try await read { connection, logger in
            try await connection.query("SELECT 1", logger: logger)
        }
    }

    public func changeSignals(interval: Duration) -> AsyncStream<Void> {
        ChangeListener(client: client, channel: Self.channel, logger: logger).signals(fallbackInterval: max(interval, .seconds(10)))
    }

    // MARK: - Unanswered searches

    public func recordUnansweredSearch(_ query: String, at date: Date) async throws {
        let normalized = UnansweredSearch.normalize(query)
        guard !normalized.isEmpty else { return }
        let cutoff = UnansweredSearch.cutoff(at: date)
        try await translatingErrors(timeout: readTimeout) { [client, logger] in
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("""
                    INSERT INTO unanswered_search (id, count, first_seen, last_seen) VALUES (\(normalized), 1, \(date), \(date))
                    ON CONFLICT (id) DO UPDATE SET count = unanswered_search.count + 1, last_seen = excluded.last_seen
                    """, logger: logger)
                try await connection.query("DELETE FROM unanswered_search WHERE last_seen < \(cutoff)", logger: logger)
            }
        }
    }

    public func unansweredSearches(at now: Date) async throws -> [UnansweredSearch] {
        let cutoff = UnansweredSearch.cutoff(at: now)
        return try await read { connection, logger in
            var found: [UnansweredSearch] = []
            for try await (query, count, firstSeen, lastSeen) in try await connection.query("""
                SELECT id, count, first_seen, last_seen FROM unanswered_search WHERE last_seen >= \(cutoff)
                ORDER BY count DESC, last_seen DESC, id
                """, logger: logger).decode((String, Int32, Date, Date).self) {
                found.append(UnansweredSearch(query: query, count: Int(count), firstSeen: firstSeen, lastSeen: lastSeen))
            }
            return found
        }
    }

    // MARK: - Rows

    private struct ArticleRow {
        var slug, title, author: String
        var reviewer: String?
        var published: CalendarDate
        var updated, reviewed: CalendarDate?
        var index: String?
        var audience: [String]
        var summary, intro: String
        var draft: Bool
    }

    /// Article rows in slug order, all of them or those with the given slugs.
    private static func fetchArticleRows(where slugs: [String]?, on connection: PostgresConnection, logger: Logger) async throws -> [ArticleRow] {
        let columns = "id, title, author_id, reviewer_id, published, updated, reviewed, index_term, audience, summary, intro, draft"
        let query: PostgresQuery = if let slugs {
            "SELECT \(unescaped: columns) FROM article WHERE id = ANY(\(slugs)) ORDER BY id"
        } else {
            "SELECT \(unescaped: columns) FROM article ORDER BY id"
        }
        var rows: [ArticleRow] = []
        for try await (slug, title, author, reviewer, published, updated, reviewed, index, audience, summary, intro, draft) in try await connection.query(
            query, logger: logger
        ).decode((String, String, String, String?, String, String?, String?, String?, [String], String, String, Bool).self) {
            rows.append(ArticleRow(slug: slug, title: title, author: author, reviewer: reviewer,
                                   published: CalendarDate(published) ?? CalendarDate(year: 1970, month: 1, day: 1)!,
                                   updated: updated.flatMap(CalendarDate.init), reviewed: reviewed.flatMap(CalendarDate.init),
                                   index: index, audience: audience, summary: summary, intro: intro, draft: draft))
        }
        return rows
    }

    /// Whole articles in slug order, all of them or those with the given slugs.
    private static func fetchArticles(slugs: [String]?, on connection: PostgresConnection, logger: Logger) async throws -> [Article] {
        let rows = try await fetchArticleRows(where: slugs, on: connection, logger: logger)
        guard !rows.isEmpty else { return [] }
        let wanted = rows.map(\.slug)
        // Child rows of the wanted articles only, in position order.
        func children(_ table: String, _ columns: String) -> PostgresQuery {
            "SELECT \(unescaped: columns) FROM \(unescaped: table) WHERE article_id = ANY(\(wanted)) ORDER BY article_id, position"
        }
        var topics: [String: [String]] = [:]
        for try await (slug, name) in try await connection.query(children("article_topic", "article_id, name"), logger: logger).decode((String, String).self) {
            topics[slug, default: []].append(name)
        }
        var references: [String: [Reference]] = [:]
        for try await (slug, title, publisher, url, accessed) in try await connection.query(
            children("article_reference", "article_id, title, publisher, url, accessed"), logger: logger
        ).decode((String, String, String?, String?, String?).self) {
            references[slug, default: []].append(Reference(title: title, publisher: publisher, url: url, accessed: accessed.flatMap(CalendarDate.init)))
        }
        var aliases: [String: [String]] = [:]
        for try await (alias, slug) in try await connection.query(
            "SELECT id, article_id FROM article_alias WHERE article_id = ANY(\(wanted)) ORDER BY id", logger: logger
        ).decode((String, String).self) {
            aliases[slug, default: []].append(alias)
        }
        var sections: [String: [ArticleSection]] = [:]
        for try await (slug, kind, heading, headingSource, anchor, body) in try await connection.query(
            children("article_section", "article_id, kind, heading, heading_source, anchor, body"), logger: logger
        ).decode((String, String, String, String, String, String).self) {
            sections[slug, default: []].append(ArticleSection(kind: ArticleSection.Kind(rawValue: kind) ?? .section, heading: heading,
                                                              headingSource: headingSource, anchor: anchor, body: body))
        }
        return rows.map { row in
            Article(slug: row.slug, title: row.title, author: row.author, reviewer: row.reviewer, published: row.published,
                    updated: row.updated, reviewed: row.reviewed, topics: topics[row.slug] ?? [], index: row.index,
                    audience: row.audience, summary: row.summary, references: references[row.slug] ?? [],
                    aliases: aliases[row.slug] ?? [], draft: row.draft, intro: row.intro, sections: sections[row.slug] ?? [])
        }
    }

    private static func fetchAuthors(on connection: PostgresConnection, logger: Logger) async throws -> [Author] {
        var authors: [Author] = []
        for try await (slug, name, kind, credentials, url, bio) in try await connection.query(
            "SELECT id, name, kind, credentials, url, bio FROM author ORDER BY id", logger: logger
        ).decode((String, String, String, String, String?, String).self) {
            authors.append(Author(slug: slug, name: name, kind: AuthorKind(rawValue: kind) ?? .person,
                                  credentials: credentials, url: url, bio: bio))
        }
        return authors
    }

    private static func fetchTopics(on connection: PostgresConnection, logger: Logger) async throws -> [TopicDescription] {
        var topics: [TopicDescription] = []
        for try await (slug, name, description) in try await connection.query(
            "SELECT id, name, description FROM topic ORDER BY id", logger: logger
        ).decode((String, String, String).self) {
            topics.append(TopicDescription(slug: slug, name: name, description: description))
        }
        return topics
    }

    // MARK: - Errors and time limits

    /// Runs a read on a pooled connection within the read time limit.
    private func read<Result: Sendable>(_ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> Result) async throws -> Result {
        try await translatingErrors(timeout: readTimeout) { [client, logger] in
            try await client.withConnection { connection in try await body(connection, logger) }
        }
    }

    /// Runs `body`, turning a database that cannot be reached (or does not answer within `timeout`)
    /// into ``RehabCore/StoreError/unavailable(_:)`` and a broken rule into
    /// ``RehabCore/StoreError/inconsistentContent(_:)``.
    private func translatingErrors<Result: Sendable>(timeout: Duration?, _ body: @escaping @Sendable () async throws -> Result) async throws -> Result {
        let place = location.description
        do {
            guard let timeout else { return try await body() }
            return try await withThrowingTaskGroup(of: Result.self) { group in
                group.addTask { try await body() }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw StoreError.unavailable("the PostgreSQL database at \(place) did not answer within \(timeout)")
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        } catch {
            throw Self.translate(error, place: place)
        }
    }

    /// The store's error for any error from PostgresNIO or the store's own code.
    static func translate(_ error: any Error, place: String) -> any Error {
        switch error {
        case let error as PostgresTransactionError:
            // The first thing that failed: BEGIN, the work (possibly our own StoreError), or COMMIT.
            let cause: (any Error)? = error.beginError ?? error.closureError ?? error.commitError
            return cause.map { translate($0, place: place) } ?? StoreError.unavailable("the PostgreSQL database at \(place) failed a transaction")
        case let error as StoreError:
            return error
        case let error as PSQLError:
            return translate(error, place: place)
        case let error as PostgresMigrations.MigrationError:
            return StoreError.unsupportedDatabase(error.message)
        case is CancellationError:
            return error
        default:
            // Pool errors (circuit breaker open, shut down) mean the database cannot be reached.
            return StoreError.unavailable("the PostgreSQL database at \(place) cannot be reached: \(error)")
        }
    }

    static func translate(_ error: PSQLError, place: String) -> StoreError {
        if let state = error.serverInfo?[.sqlState] {
            let message = error.serverInfo?[.message] ?? "error \(state)"
            switch state {
            case "23503", "23505", "23514":
                return .inconsistentContent("the database refused the write: \(message)")
            case "28P01", "28000":
                return .unavailable("PostgreSQL at \(place) refused the login: \(message)")
            case "3D000":
                return .unavailable("PostgreSQL at \(place) has no such database: \(message)")
            default:
                if state.hasPrefix("08") || state.hasPrefix("57") || state.hasPrefix("53") {
                    return .unavailable("the PostgreSQL database at \(place) is not available: \(message)")
                }
                return .inconsistentContent("PostgreSQL at \(place) refused a statement: \(message)")
            }
        }
        return .unavailable("the PostgreSQL database at \(place) cannot be reached (\(error.code))")
    }
}
