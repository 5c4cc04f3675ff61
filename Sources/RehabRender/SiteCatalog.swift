public import Foundation
public import RehabCore

/// What readers can see right now, derived from the store: visible articles, topics, authors and
/// the A–Z index. An immutable value, rebuilt when content changes and swapped in whole.
public struct SiteCatalog: Sendable {
    /// A topic with the visible articles that name it.
    public struct Topic: Sendable, Hashable {
        public var slug: String
        public var name: String
        /// Markdown from `topics/{slug}.md`, or empty.
        public var description: String
        /// Slugs of visible articles, newest first.
        public var articleSlugs: [String]
    }

    /// One line of the A–Z index.
    public struct IndexEntry: Sendable, Hashable {
        public enum Kind: Sendable, Hashable { case article, topic }
        public var term: String
        public var kind: Kind
        /// The article or topic slug.
        public var slug: String
        public var sortKey: String
    }

    /// The day visibility was decided for (future articles appear on their day).
    public let day: CalendarDate
    /// When this catalogue was built; pages built from it are no newer.
    public let builtAt: Date
    /// Visible articles, newest first.
    public let articles: [ArticleSummary]
    public let articlesBySlug: [String: ArticleSummary]
    public let authorsBySlug: [String: Author]
    /// Topics that have visible articles or a description, by name.
    public let topics: [Topic]
    public let topicsBySlug: [String: Topic]
    public let imageHashes: [String: String]
    /// A–Z entries by bucket (`"a"`…`"z"`, `"0-9"`), each list sorted.
    public let index: [String: [IndexEntry]]

    /// The A–Z buckets in display order.
    public static let buckets: [String] = "abcdefghijklmnopqrstuvwxyz".map { String($0) } + ["0-9"]

    public init(summaries: [ArticleSummary], authors: [Author], topics: [TopicDescription],
                imageHashes: [String: String], day: CalendarDate, builtAt: Date = Date()) {
        self.day = day
        self.builtAt = builtAt
        let visible = summaries.filter { $0.isVisible(on: day) }
            .sorted { ($0.published, $0.slug) > ($1.published, $1.slug) }
        articles = visible
        articlesBySlug = Dictionary(visible.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        authorsBySlug = Dictionary(authors.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        self.imageHashes = imageHashes

        var topicMap: [String: Topic] = [:]
        for description in topics {
            topicMap[description.slug] = Topic(slug: description.slug, name: description.name, description: description.description, articleSlugs: [])
        }
        for article in visible {
            for name in article.topics {
                let slug = Slug.make(from: name)
                guard !slug.isEmpty else { continue }
                topicMap[slug, default: Topic(slug: slug, name: name, description: "", articleSlugs: [])].articleSlugs.append(article.slug)
            }
        }
        // A described topic with no visible article is still listed: editors wrote it for readers.
        self.topics = topicMap.values.sorted { IndexTerm.sortKey(of: $0.name) < IndexTerm.sortKey(of: $1.name) }
        topicsBySlug = topicMap

        var index: [String: [IndexEntry]] = [:]
        for article in visible {
            let term = article.indexTerm
            index[IndexTerm.bucket(of: term), default: []].append(
                IndexEntry(term: term, kind: .article, slug: article.slug, sortKey: IndexTerm.sortKey(of: term)))
        }
        for topic in topicMap.values where !topic.articleSlugs.isEmpty {
            index[IndexTerm.bucket(of: topic.name), default: []].append(
                IndexEntry(term: topic.name, kind: .topic, slug: topic.slug, sortKey: IndexTerm.sortKey(of: topic.name)))
        }
        self.index = index.mapValues { $0.sorted { ($0.sortKey, $0.slug) < ($1.sortKey, $1.slug) } }
    }

    /// Up to `limit` visible articles sharing the most topics with `article`, then the newest.
    ///
    /// Only the articles of the article's own topics are looked at, so a page of a large site costs
    /// the size of its topics, not of the site.
    public func related(to article: ArticleSummary, limit: Int = 5) -> [ArticleSummary] {
        var shared: [String: Int] = [:]
        for slug in Set(article.topics.map(Slug.make(from:))) {
            for other in Set(topicsBySlug[slug]?.articleSlugs ?? []) where other != article.slug {
                shared[other, default: 0] += 1
            }
        }
        let scored = shared.compactMap { slug, count in articlesBySlug[slug].map { (article: $0, shared: count) } }
        return scored.sorted { lhs, rhs in
            (lhs.shared, lhs.article.published, lhs.article.slug) > (rhs.shared, rhs.article.published, rhs.article.slug)
        }.prefix(limit).map(\.article)
    }

    /// Visible articles by most recent change (updated, else published), newest first.
    public var recentlyUpdated: [ArticleSummary] {
        articles.filter { $0.updated != nil }.sorted { ($0.lastChanged, $0.slug) > ($1.lastChanged, $1.slug) }
    }
}
