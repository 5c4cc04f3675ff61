import RehabContent
import RehabCore
import RehabStarter
import Testing

@Suite("The bundled starter content")
struct StarterContentTests {
    @Test func loadsWithoutProblems() async throws {
        let bundle = try await StarterContent.load()
        #expect(bundle.articles.count >= 8)
        #expect(bundle.authors.map(\.slug) == ["editorial-team"])
    }

    @Test func includesTheFlagshipArticle() async throws {
        let flagship = try #require(try await StarterContent.load().articles.first { $0.slug == "rehab-back-muscle-spasm-pregnant" })
        #expect(flagship.title == "How to rehab a back muscle spasm while pregnant")
        #expect(flagship.topics.contains("Pregnancy"))
    }

    @Test func everyArticleHasQuestionsProviderAdviceAndSources() async throws {
        for article in try await StarterContent.load().articles {
            #expect(article.questions.count >= 6, "\(article.slug)")
            #expect(article.questions.contains { $0.heading.lowercased().contains("health care provider") }, "\(article.slug)")
            #expect(article.references.count >= 2, "\(article.slug)")
            #expect(article.references.allSatisfy { $0.url?.hasPrefix("https://") == true && $0.accessed != nil }, "\(article.slug)")
            #expect(article.author == "editorial-team", "\(article.slug)")
            #expect(article.reviewer == nil, "\(article.slug): no invented reviewers")
            #expect(!article.summary.isEmpty && !article.topics.isEmpty && !article.audience.isEmpty, "\(article.slug)")
        }
    }

    @Test func everyTopicNamedByAnArticleIsDescribed() async throws {
        let bundle = try await StarterContent.load()
        let described = Set(bundle.topics.map(\.slug))
        for article in bundle.articles {
            for topic in article.topics {
                #expect(described.contains(Slug.make(from: topic)), "\(article.slug): \(topic)")
            }
        }
    }
}
