/// One question and its answer, the unit of search.
public struct SearchDocument: Sendable, Hashable {
    /// A caller's id, returned with each hit.
    public var id: Int
    /// The article's slug.
    public var article: String
    public var articleTitle: String
    /// The question as plain text.
    public var question: String
    /// The anchor of the question in its article.
    public var anchor: String
    /// The answer as plain text.
    public var answer: String
    public var summary: String
    /// Topic slugs, for filtering.
    public var topicSlugs: [String]
    /// Topic names, which are searched.
    public var topics: [String]

    public init(id: Int, article: String = "", articleTitle: String = "", question: String, anchor: String = "",
                answer: String, summary: String = "", topics: [String] = [], topicSlugs: [String] = []) {
        self.id = id
        self.article = article
        self.articleTitle = articleTitle
        self.question = question
        self.anchor = anchor
        self.answer = answer
        self.summary = summary
        self.topics = topics
        self.topicSlugs = topicSlugs
    }
}

/// One result.
public struct SearchHit: Sendable, Hashable {
    public var document: SearchDocument
    public var score: Double
    /// HTML: the best passage of the answer, escaped, with matched words in `<mark>`.
    public var snippet: String
}

/// The results of one query.
public struct SearchResults: Sendable {
    public var hits: [SearchHit]
    /// How many documents matched in all (before paging).
    public var total: Int
    /// The query as corrected, when a word was not in the index and a close one was used instead.
    public var correctedQuery: String?
}
