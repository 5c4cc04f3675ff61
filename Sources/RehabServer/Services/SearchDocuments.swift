public import RehabCore
import RehabContent
public import RehabSearch

/// Turns stored articles into search documents: one per question, with its answer as plain text.
public enum SearchDocuments {
    /// The searchable questions of the articles readers can see on `day`.
    public static func make(from articles: [Article], visibleOn day: CalendarDate) -> [SearchDocument] {
        var documents: [SearchDocument] = []
        for article in articles where article.isVisible(on: day) {
            let topicSlugs = article.topics.map(Slug.make(from:))
            for section in article.sections where section.kind == .question {
                documents.append(SearchDocument(
                    id: documents.count, article: article.slug, articleTitle: article.title,
                    question: section.heading, anchor: section.anchor,
                    answer: Markdown.plainText(from: section.body), summary: article.summary,
                    topics: article.topics, topicSlugs: topicSlugs
                ))
            }
        }
        return documents
    }

    /// A search index over everything readers can see on `day`.
    public static func index(for articles: [Article], visibleOn day: CalendarDate, synonyms: SynonymTable) -> SearchIndex {
        SearchIndex(documents: make(from: articles, visibleOn: day), synonyms: synonyms)
    }
}
