public import RehabCore
public import RehabSearch

/// What the linter needs to know beyond the files themselves.
public struct LintConfiguration: Sendable {
    /// The day to judge staleness against; pass a fixed day for repeatable results.
    public var today: CalendarDate
    /// How long a clinical review stays current (the site's review interval); the next review is due
    /// this many months after `reviewed`.
    public var reviewIntervalMonths: Int
    /// An article not updated or reviewed for longer than this is stale.
    public var staleAfterMonths: Int
    /// The highest Flesch–Kincaid grade an answer may have before `reading-level` warns.
    public var maximumReadingGrade: Double
    /// How alike two answers' word shingles must be (Jaccard, 0–1) to count as duplicates.
    public var duplicateAnswerSimilarity: Double
    /// Synonym families, so that an answer using another word for the question's subject
    /// ("cramp" for "spasm") still counts as addressing it. Use ``RehabSearch/SearchResources/synonyms()``.
    public var synonyms: SynonymTable
    /// Articles outside the files being linted that links may point to (for example, stored articles).
    public var knownArticles: [LinkTarget]

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - today: The day to judge staleness against.
    ///   - reviewIntervalMonths: The site's review interval (12 unless the site says otherwise).
    ///   - staleAfterMonths: Months without an update or review before an article is stale.
    ///   - maximumReadingGrade: The target reading grade for answers.
    ///   - duplicateAnswerSimilarity: The Jaccard similarity from which answers are duplicates.
    ///   - synonyms: Word families treated as the same subject.
    ///   - knownArticles: Link targets besides the files being linted.
    public init(
        today: CalendarDate,
        reviewIntervalMonths: Int = 12,
        staleAfterMonths: Int = 12,
        maximumReadingGrade: Double = 8,
        duplicateAnswerSimilarity: Double = 0.5,
        synonyms: SynonymTable = SynonymTable(),
        knownArticles: [LinkTarget] = []
    ) {
        self.today = today
        self.reviewIntervalMonths = reviewIntervalMonths
        self.staleAfterMonths = staleAfterMonths
        self.maximumReadingGrade = maximumReadingGrade
        self.duplicateAnswerSimilarity = duplicateAnswerSimilarity
        self.synonyms = synonyms
        self.knownArticles = knownArticles
    }
}

/// An article that internal links may point to: `/articles/{slug}#{anchor}` or `{slug}.md#{anchor}`.
public struct LinkTarget: Sendable, Hashable {
    /// The article's slug.
    public var slug: String
    /// Old slugs that redirect to the article.
    public var aliases: [String]
    /// The anchors of its questions and sections.
    public var anchors: Set<String>

    /// Creates a link target.
    public init(slug: String, aliases: [String] = [], anchors: Set<String>) {
        self.slug = slug
        self.aliases = aliases
        self.anchors = anchors
    }

    /// The link target of a stored article.
    public init(article: Article) {
        self.init(slug: article.slug, aliases: article.aliases, anchors: Set(article.sections.map(\.anchor)))
    }
}
