/// Everything one import run brings, or everything a store holds: the unit of import and export.
public struct ContentBundle: Sendable, Hashable {
    public var articles: [Article]
    public var authors: [Author]
    public var topics: [TopicDescription]
    public var images: [ImageAsset]

    public init(articles: [Article] = [], authors: [Author] = [], topics: [TopicDescription] = [], images: [ImageAsset] = []) {
        self.articles = articles
        self.authors = authors
        self.topics = topics
        self.images = images
    }

    /// `1 author`, `2 authors`: a count with its noun.
    public static func counted(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }

    /// What the bundle holds, for people: `31 articles, 1 author, 16 topics and 0 images`.
    public var countsLine: String {
        "\(Self.counted(articles.count, "article", "articles")), \(Self.counted(authors.count, "author", "authors")), "
            + "\(Self.counted(topics.count, "topic", "topics")) and \(Self.counted(images.count, "image", "images"))"
    }

    /// The same content with every list in a canonical order, so two bundles compare equal when they hold the same things.
    public var sorted: ContentBundle {
        ContentBundle(
            articles: articles.sorted { $0.slug < $1.slug },
            authors: authors.sorted { $0.slug < $1.slug },
            topics: topics.sorted { $0.slug < $1.slug },
            images: images.sorted { $0.name < $1.name }
        )
    }
}

/// What an import changed.
public struct ImportSummary: Sendable, Hashable {
    /// Articles in the run.
    public var articles = 0
    public var articlesAdded = 0
    public var articlesChanged = 0
    /// Stored articles removed by `--prune` because their files are gone.
    public var articlesRemoved = 0
    /// Questions in the run's articles.
    public var questions = 0
    public var authors = 0
    public var topics = 0
    public var images = 0
    /// Authors, topics and images that were new or different.
    public var otherChanges = 0

    public init() {}

    /// Whether the run wrote anything at all.
    public var changedAnything: Bool { articlesAdded + articlesChanged + articlesRemoved + otherChanges > 0 }

    /// One line for people: `Imported 8 articles (2 new, 1 changed), 64 questions, 1 author.`
    public var line: String {
        let count = ContentBundle.counted
        var details: [String] = []
        if articlesAdded > 0 { details.append("\(articlesAdded) new") }
        if articlesChanged > 0 { details.append("\(articlesChanged) changed") }
        if articlesRemoved > 0 { details.append("\(articlesRemoved) removed") }
        if details.isEmpty { details.append("no changes") }
        var parts = ["Imported \(count(articles, "article", "articles")) (\(details.joined(separator: ", ")))",
                     count(questions, "question", "questions"), count(authors, "author", "authors")]
        if topics > 0 { parts.append(count(topics, "topic", "topics")) }
        if images > 0 { parts.append(count(images, "image", "images")) }
        return parts.joined(separator: ", ") + "."
    }
}

/// An article as listed on index pages: front matter and question headings, no bodies.
public struct ArticleSummary: Sendable, Hashable {
    public struct QuestionLink: Sendable, Hashable {
        public var heading: String
        public var anchor: String
        public init(heading: String, anchor: String) {
            self.heading = heading
            self.anchor = anchor
        }
    }

    public var slug: String
    public var title: String
    public var author: String
    public var reviewer: String?
    public var published: CalendarDate
    public var updated: CalendarDate?
    public var reviewed: CalendarDate?
    public var topics: [String]
    public var indexTerm: String
    public var audience: [String]
    public var summary: String
    public var draft: Bool
    public var questions: [QuestionLink]

    public init(slug: String, title: String, author: String, reviewer: String?, published: CalendarDate,
                updated: CalendarDate?, reviewed: CalendarDate?, topics: [String], indexTerm: String,
                audience: [String], summary: String, draft: Bool, questions: [QuestionLink]) {
        self.slug = slug
        self.title = title
        self.author = author
        self.reviewer = reviewer
        self.published = published
        self.updated = updated
        self.reviewed = reviewed
        self.topics = topics
        self.indexTerm = indexTerm
        self.audience = audience
        self.summary = summary
        self.draft = draft
        self.questions = questions
    }

    public init(_ article: Article) {
        slug = article.slug
        title = article.title
        author = article.author
        reviewer = article.reviewer
        published = article.published
        updated = article.updated
        reviewed = article.reviewed
        topics = article.topics
        indexTerm = article.indexTerm
        audience = article.audience
        summary = article.summary
        draft = article.draft
        questions = article.questions.map { QuestionLink(heading: $0.heading, anchor: $0.anchor) }
    }

    /// Whether readers may see the article on `day`.
    public func isVisible(on day: CalendarDate) -> Bool { !draft && published <= day }

    /// The most recent of the published and updated dates.
    public var lastChanged: CalendarDate { max(published, updated ?? published) }
}
