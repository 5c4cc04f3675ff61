import Foundation
import Hummingbird
import HummingbirdTesting
import RehabCore
import RehabServer
import RehabTestSupport
import Testing

/// JSON-LD: it parses, and it says what the page shows and nothing more.
@Suite("Structured data")
struct StructuredDataTests {
    /// The nodes of the page's one JSON-LD graph.
    static func graph(of page: String) throws -> [[String: Any]] {
        let blocks = page.matches(of: #/<script type="application/ld\+json">([^<]*)</script>/#).map { String($0.output.1) }
        #expect(blocks.count == 1, "one JSON-LD block per page")
        let block = try #require(blocks.first, "the page has no JSON-LD")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String: Any])
        #expect(object["@context"] as? String == "https://schema.org")
        return try #require(object["@graph"] as? [[String: Any]])
    }

    static func node(_ type: String, in graph: [[String: Any]]) -> [String: Any]? {
        graph.first { node in
            (node["@type"] as? String) == type || ((node["@type"] as? [String])?.contains(type) ?? false)
        }
    }

    static func page(_ uri: String, bundle: ContentBundle) async throws -> String {
        let (app, _) = try await SiteTests.makeSite(bundle)
        return try await app.test(.router) { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .ok)
            return String(buffer: response.body)
        }
    }

    @Test func anArticleIsAMedicalWebPageAnFAQPageAndAnArticleByAnOrganization() async throws {
        var article = Article.stub(slug: "back-spasm", title: "How to ease a back spasm", updated: CalendarDate("2025-06-01"))
        article.audience = ["adults"]
        let graph = try Self.graph(of: try await Self.page("/articles/back-spasm", bundle: .stub([article])))
        let url = "https://rehab.example/articles/back-spasm"

        let page = try #require(Self.node("MedicalWebPage", in: graph))
        #expect(page["@type"] as? [String] == ["MedicalWebPage", "FAQPage"])
        #expect(page["url"] as? String == url)
        #expect(page["name"] as? String == "How to ease a back spasm")
        #expect(page["description"] as? String == article.summary)
        #expect((page["about"] as? [[String: Any]])?.first?["name"] as? String == "Back")
        #expect((page["audience"] as? [[String: Any]])?.compactMap { $0["audienceType"] as? String } == ["Patient", "adults"])
        // Not reviewed: the page says so, and the data claims no review.
        #expect(page["reviewedBy"] == nil)
        #expect(page["lastReviewed"] == nil)

        let questions = try #require(page["mainEntity"] as? [[String: Any]])
        #expect(questions.map { $0["name"] as? String } == ["How can I ease a spasm at home?", "When should I see a health care provider?"])
        #expect((questions.first?["acceptedAnswer"] as? [String: Any])?["text"] as? String == "Keep moving gently.")
        #expect(questions.first?["@type"] as? String == "Question")

        let articleNode = try #require(Self.node("Article", in: graph))
        #expect(articleNode["headline"] as? String == "How to ease a back spasm")
        #expect(articleNode["datePublished"] as? String == "2025-03-10")
        #expect(articleNode["dateModified"] as? String == "2025-06-01")
        let author = try #require(articleNode["author"] as? [String: Any])
        #expect(author["@type"] as? String == "Organization")
        #expect(author["name"] as? String == "RehabFAQs Editorial Team")
        #expect(author["url"] as? String == "https://rehab.example/authors/editorial-team")
        #expect(articleNode["image"] == nil)

        let crumbs = try #require(Self.node("BreadcrumbList", in: graph)?["itemListElement"] as? [[String: Any]])
        #expect(crumbs.map { $0["name"] as? String } == ["Home", "Articles", "How to ease a back spasm"])
        #expect(crumbs.map { $0["position"] as? Int } == [1, 2, 3])
        #expect(crumbs.last?["item"] as? String == url)

        // Every reference points at a node of the graph.
        let publisher = try #require(articleNode["publisher"] as? [String: Any])
        let ids = Set(graph.compactMap { $0["@id"] as? String })
        #expect(ids.contains(try #require(publisher["@id"] as? String)))
        #expect(Self.node("Organization", in: graph)?["name"] as? String == "RehabFAQs")
    }

    @Test func aReviewedArticleNamesItsReviewerAsAPersonWithTheReviewDate() async throws {
        var bundle = ContentBundle.stub([.stub(slug: "back-spasm")])
        bundle.authors.append(Author(slug: "jo-physio", name: "Jo Physio", credentials: "MCSP", url: "https://example.org/jo"))
        bundle.articles[0].reviewer = "jo-physio"
        bundle.articles[0].reviewed = CalendarDate("2025-04-02")
        let body = try await Self.page("/articles/back-spasm", bundle: bundle)
        #expect(body.contains("Clinically reviewed by"))
        let page = try #require(Self.node("MedicalWebPage", in: try Self.graph(of: body)))
        let reviewer = try #require(page["reviewedBy"] as? [String: Any])
        #expect(reviewer["@type"] as? String == "Person")
        #expect(reviewer["name"] as? String == "Jo Physio")
        #expect(reviewer["url"] as? String == "https://rehab.example/authors/jo-physio")
        #expect(reviewer["sameAs"] as? String == "https://example.org/jo")
        #expect(page["lastReviewed"] as? String == "2025-04-02")
    }

    @Test func anArticleWithoutQuestionsIsNoFAQPageAndItsFirstImageIsTheArticleImage() async throws {
        var bundle = ContentBundle.stub([.stub(slug: "stretches", questions: [("Stretch one", "Lean on a wall.")])])
        bundle.articles[0].intro = "Look:\n\n![A calf stretch](../images/calf.png)"
        let image = ImageAsset(name: "calf.png", contentType: "image/png", data: [0x89, 0x50, 0x4E, 0x47])
        bundle.images = [image]
        let graph = try Self.graph(of: try await Self.page("/articles/stretches", bundle: bundle))
        let page = try #require(Self.node("MedicalWebPage", in: graph))
        #expect(page["@type"] as? [String] == ["MedicalWebPage"])
        #expect(page["mainEntity"] == nil)
        #expect(Self.node("Article", in: graph)?["image"] as? String == "https://rehab.example/images/\(image.hash)/calf.png")
    }

    @Test func textThatLooksLikeHTMLCannotEndTheScriptElement() async throws {
        let title = "Back pain </script><script>alert(1)</script> <!-- & more"
        let body = try await Self.page("/articles/back-spasm", bundle: .stub([.stub(slug: "back-spasm", title: title)]))
        let block = try #require(body.firstMatch(of: #/<script type="application/ld\+json">([^<]*)</script>/#)?.output.1)
        #expect(!block.contains("<") && !block.contains(">") && !block.contains("&"))
        #expect(Self.node("Article", in: try Self.graph(of: body))?["headline"] as? String == title)
    }

    @Test func quotesBackslashesSeparatorsAndAccentsSurviveTheJSON() async throws {
        let title = "The \"best\" back\\neck stretch\u{2028}for café workers 😀"
        let body = try await Self.page("/articles/back-spasm", bundle: .stub([.stub(slug: "back-spasm", title: title)]))
        let block = try #require(body.firstMatch(of: #/<script type="application/ld\+json">([^<]*)</script>/#)?.output.1)
        #expect(!block.contains("\u{2028}"))
        #expect(block.contains("caf\u{E9} workers \u{1F600}"), "other characters are written as they are")
        #expect(Self.node("Article", in: try Self.graph(of: body))?["headline"] as? String == title)
    }

    @Test func theHomePageDescribesTheSiteAndATopicPageIsACollectionWithBreadcrumbs() async throws {
        let home = try Self.graph(of: try await Self.page("/", bundle: SiteTests.sampleBundle))
        #expect(Self.node("WebSite", in: home)?["url"] as? String == "https://rehab.example/")
        #expect(Self.node("WebSite", in: home)?["name"] as? String == "RehabFAQs")

        let topic = try Self.graph(of: try await Self.page("/topics/back", bundle: SiteTests.sampleBundle))
        #expect(Self.node("CollectionPage", in: topic)?["url"] as? String == "https://rehab.example/topics/back")
        let crumbs = try #require(Self.node("BreadcrumbList", in: topic)?["itemListElement"] as? [[String: Any]])
        #expect(crumbs.map { $0["name"] as? String } == ["Home", "Topics", "Back"])
    }
}
