import Foundation
import RehabCore
import RehabRender
import RehabTestSupport
import Testing

@Suite("Related articles")
struct RelatedArticlesTests {
    @Test func articlesSharingMoreTopicsComeFirstThenTheNewest() throws {
        let day = CalendarDate(year: 2025, month: 6, day: 1)!
        let articles: [Article] = [
            .stub(slug: "mine", published: CalendarDate("2025-01-01")!, topics: ["Back", "Neck"]),
            .stub(slug: "both-old", published: CalendarDate("2024-01-01")!, topics: ["Neck", "Back"]),
            .stub(slug: "back-new", published: CalendarDate("2025-05-01")!, topics: ["Back"]),
            .stub(slug: "neck-mid", published: CalendarDate("2025-03-01")!, topics: ["neck"]),
            .stub(slug: "knee", published: CalendarDate("2025-05-02")!, topics: ["Knee"]),
            .stub(slug: "back-future", published: CalendarDate("2025-09-01")!, topics: ["Back"]),
        ]
        let catalog = SiteCatalog(summaries: articles.map(ArticleSummary.init), authors: [.editorialTeam], topics: [],
                                  imageHashes: [:], day: day)
        let mine = try #require(catalog.articlesBySlug["mine"])
        #expect(catalog.related(to: mine).map(\.slug) == ["both-old", "back-new", "neck-mid"])
        #expect(catalog.related(to: mine, limit: 1).map(\.slug) == ["both-old"])
        let knee = try #require(catalog.articlesBySlug["knee"])
        #expect(catalog.related(to: knee).isEmpty)
    }
}
