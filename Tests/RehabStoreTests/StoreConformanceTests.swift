import RehabCore
import RehabTestSupport
import Testing

/// What every ``ContentStore`` must do, run against each ``StoreKind``.
@Suite("Store conformance")
struct StoreConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func anEmptyStoreHoldsNothing(_ kind: StoreKind) async throws {
        let store = try await kind.makeEmptyStore()
        #expect(try await store.articleSummaries().isEmpty)
        #expect(try await store.article(slug: "anything") == nil)
        #expect(try await store.exportAll() == ContentBundle())
    }

    @Test(arguments: StoreKind.allCases)
    func migratingTwiceIsHarmless(_ kind: StoreKind) async throws {
        let store = try await kind.makeEmptyStore()
        try await store.migrate()
        try await store.apply(.stub())
        try await store.migrate()
        #expect(try await store.articleSummaries().count == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func savedArticleIsFoundBySlugWithItsSectionsInOrder(_ kind: StoreKind) async throws {
        let store = try await kind.makeEmptyStore()
        let article = Article.stub(questions: [("Third?", "c"), ("First?", "a"), ("Notes", "b")])
        let summary = try await store.apply(.stub([article]))
        #expect(summary.articlesAdded == 1)
        #expect(summary.questions == 2)
        #expect(try await store.article(slug: article.slug) == article)
        let listed = try #require(try await store.articleSummaries().first)
        #expect(listed.questions.map(\.heading) == ["Third?", "First?"])
        #expect(listed.topics == ["Back"])
    }

    @Test(arguments: StoreKind.allCases)
    func applyingTheSameContentAgainChangesNothing(_ kind: StoreKind) async throws {
        let store = try await kind.makeEmptyStore()
        try await store.apply(.stub())
        let token = try await store.changeToken()
        let again = try await store.apply(.stub())
        #expect(!again.changedAnything)
        #expect(try await store.changeToken() == token)
    }

    @Test(arguments: StoreKind.allCases)
    func aChangedArticleReplacesItsOldQuestions(_ kind: StoreKind) async throws {
        let store = try await kind.makeEmptyStore()
        try await store.apply(.stub([.stub(questions: [("Old one?", "x"), ("Old two?", "y")])]))
        let token = try await store.changeToken()
        let summary = try await store.apply(.stub([.stub(questions: [("New?", "z")])]))
        #expect(summary.articlesChanged == 1)
        #expect(try await store.article(slug: "ease-a-back-spasm")?.sections.map(\.heading) == ["New?"])
        #expect(try await store.changeToken() != token)
    }

    @Test(arguments: StoreKind.allCases)
    func aliasesLeadToTheirArticle(_ kind: StoreKind) async throws {
        let store = try await kind.makeEmptyStore()
        try await store.apply(.stub([.stub(aliases: ["old-name", "older-name"])]))
        #expect(try await store.articleSlug(forAlias: "old-name") == "ease-a-back-spasm")
        #expect(try await store.articleSlug(forAlias: "unknown") == nil)
        // Moving an alias to another article takes it from the first.
        try await store.apply(.stub([.stub(slug: "other", aliases: ["old-name"])]))
        #expect(try await store.articleSlug(forAlias: "old-name") == "other")
        #expect(try await store.article(slug: "ease-a-back-spasm")?.aliases == ["older-name"])
    }

    @Test(arguments: StoreKind.allCases)
    func pruneRemovesArticlesNotInTheRun(_ kind: StoreKind) async throws {
        let store = try await kind.makeEmptyStore()
        try await store.apply(.stub([.stub(slug: "keep"), .stub(slug: "gone")]))
        let summary = try await store.apply(.stub([.stub(slug: "keep")]), prune: true)
        #expect(summary.articlesRemoved == 1)
        #expect(try await store.articleSummaries().map(\.slug) == ["keep"])
    }

    @Test(arguments: StoreKind.allCases)
    func seedingOnlyIfEmptyWritesOnce(_ kind: StoreKind) async throws {
        let store = try await kind.makeEmptyStore()
        let first = try await store.apply(.stub([.stub(slug: "first")]), prune: false, onlyIfEmpty: true)
        let second = try await store.apply(.stub([.stub(slug: "second")]), prune: false, onlyIfEmpty: true)
        #expect(first?.articlesAdded == 1)
        #expect(second == nil)
        #expect(try await store.articleSummaries().map(\.slug) == ["first"])
    }

    @Test(arguments: StoreKind.allCases)
    func imagesAreStoredWithTheirHash(_ kind: StoreKind) async throws {
        let store = try await kind.makeEmptyStore()
        var bundle = ContentBundle.stub()
        let image = ImageAsset(name: "knee/brace.png", contentType: "image/png", data: [0x89, 0x50, 0x4E, 0x47, 1, 2, 3])
        bundle.images = [image]
        try await store.apply(bundle)
        #expect(try await store.image(named: "knee/brace.png") == image)
        #expect(try await store.imageHashes() == ["knee/brace.png": image.hash])
    }

    @Test(arguments: StoreKind.allCases)
    func exportGivesBackEverythingApplied(_ kind: StoreKind) async throws {
        let store = try await kind.makeEmptyStore()
        var bundle = ContentBundle.stub([.stub(slug: "b", draft: true), .stub(slug: "a", updated: CalendarDate("2025-05-05"))])
        bundle.authors.append(Author(slug: "reviewer", name: "A Reviewer", credentials: "PT", url: "https://example.org", bio: ""))
        bundle.authors.append(Author(slug: "team", name: "A Team", kind: .organization))
        bundle.articles[0].reviewer = "reviewer"
        bundle.images = [ImageAsset(name: "x.png", contentType: "image/png", data: [1, 2])]
        try await store.apply(bundle)
        #expect(try await store.exportAll() == bundle.sorted)
    }

    @Test(arguments: StoreKind.allCases)
    func anArticleWithAnUnknownAuthorIsRefusedAndNothingIsWritten(_ kind: StoreKind) async throws {
        let store = try await kind.makeEmptyStore()
        var bundle = ContentBundle.stub([.stub(slug: "fine"), .stub(slug: "orphan", author: "nobody")])
        bundle.topics = []
        await #expect(throws: StoreError.self) { try await store.apply(bundle) }
        #expect(try await store.exportAll() == ContentBundle())
    }
}

@Suite("Store conformance: unanswered searches")
struct UnansweredSearchConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func searchesThatFoundNothingAreCountedUnderOneForm(_ kind: StoreKind) async throws {
        let store = try await kind.makeEmptyStore()
        let monday = Date(timeIntervalSince1970: 1_780_000_000)
        try await store.recordUnansweredSearch("  Zebra   KNEE ", at: monday)
        try await store.recordUnansweredSearch("zebra knee", at: monday.addingTimeInterval(60))
        try await store.recordUnansweredSearch("other", at: monday)
        try await store.recordUnansweredSearch("   ", at: monday)
        let report = try await store.unansweredSearches(at: monday.addingTimeInterval(120))
        #expect(report.map(\.query) == ["zebra knee", "other"])
        #expect(report.first?.count == 2)
        #expect(report.first?.lastSeen == monday.addingTimeInterval(60))
        #expect(report.first?.firstSeen == monday)
    }

    @Test(arguments: StoreKind.allCases)
    func unansweredSearchesAreKeptNinetyDaysAndCapped(_ kind: StoreKind) async throws {
        let store = try await kind.makeEmptyStore()
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        try await store.recordUnansweredSearch("old query", at: start)
        try await store.recordUnansweredSearch(String(repeating: "long ", count: 100), at: start.addingTimeInterval(89 * 86_400))
        #expect(try await store.unansweredSearches(at: start.addingTimeInterval(89 * 86_400)).count == 2)
        #expect(try await store.unansweredSearches(at: start.addingTimeInterval(91 * 86_400)).map(\.query.count) == [UnansweredSearch.maximumLength])
        // A later record deletes what is past retention.
        try await store.recordUnansweredSearch("new", at: start.addingTimeInterval(91 * 86_400))
        #expect(try await store.unansweredSearches(at: start).map(\.query).contains("old query") == false)
    }
}

import Foundation
