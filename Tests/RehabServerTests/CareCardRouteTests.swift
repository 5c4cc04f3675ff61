import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RehabCore
import RehabSafety
import RehabServer
import RehabTestSupport
import Testing

@Suite("Care cards on pages and in the API")
struct CareCardRouteTests {
    private func get(_ uri: String, _ client: some TestClientProtocol) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get)
    }

    @Test func aSearchThatDescribesAnEmergencyShowsTheCardFirst() async throws {
        let (app, _) = try await SiteTests.makeSite(SearchRouteTests.bundle)
        try await app.test(.router) { client in
            let page = String(buffer: try await get("/search?q=back%20pain%20and%20numb%20between%20my%20legs", client).body)
            let card = try #require(page.range(of: "care-card care-card-emergency"))
            #expect(page.contains("Call 999 or go to A&amp;E now"))
            #expect(page.contains("<span class=\"visually-hidden\">Emergency: </span>"))
            if let results = page.range(of: "class=\"lead\"") ?? page.range(of: "no-results") {
                #expect(card.lowerBound < results.lowerBound, "the card comes before the results")
            }
        }
    }

    @Test func anOrdinarySearchHasNoCard() async throws {
        let (app, _) = try await SiteTests.makeSite(SearchRouteTests.bundle)
        try await app.test(.router) { client in
            let page = String(buffer: try await get("/search?q=back%20spasm%20no%20fever", client).body)
            #expect(!page.contains("care-card "))
            let api = String(buffer: try await get("/api/search?q=back%20spasm", client).body)
            #expect(api.contains("\"careCards\":[]"))
            #expect(api.contains("\"urgent\":false"))
        }
    }

    @Test func theSearchAPIFillsUrgentAndCareCards() async throws {
        let (app, _) = try await SiteTests.makeSite(SearchRouteTests.bundle)
        try await app.test(.router) { client in
            let response = try await get("/api/search?q=back%20pain%20with%20a%20fever", client)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
            #expect(json["urgent"] as? Bool == true)
            let cards = try #require(json["careCards"] as? [[String: Any]])
            #expect(cards.first?["id"] as? String == "back-pain-with-fever")
            #expect(cards.first?["level"] as? String == "urgent")
            #expect((cards.first?["source"] as? [String: Any])?["url"] as? String == "https://www.nhs.uk/conditions/back-pain/")
        }
    }

    @Test func theTriageAPIAnswersTheDocumentedShape() async throws {
        let (app, _) = try await SiteTests.makeSite(SearchRouteTests.bundle)
        try await app.test(.router) { client in
            let response = try await get("/api/triage?q=32%20weeks%20and%20my%20waters%20broke", client)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
            #expect(Set(json.keys) == ["urgent", "level", "flags"])
            #expect(json["level"] as? String == "urgent")
            let flag = try #require((json["flags"] as? [[String: Any]])?.first)
            #expect(Set(flag.keys) == ["id", "level", "matched", "advice"])
            #expect(flag["matched"] as? String == "waters broke")

            let calm = try await get("/api/triage?q=no%20bleeding%20and%20no%20fever", client)
            #expect(String(buffer: calm.body) == #"{"flags":[],"level":"none","urgent":false}"#)
            let long = String(repeating: "a", count: 5_001)
            #expect(try await get("/api/triage?q=\(long)", client).status == .badRequest)
        }
    }

    @Test func anArticleThatDiscussesWarningSignsShowsTheirCards() async throws {
        let (app, _) = try await SiteTests.makeSite(SearchRouteTests.bundle)
        try await app.test(.router) { client in
            let page = String(buffer: try await get("/articles/back-spasm", client).body)
            #expect(page.contains("care-card care-card-urgent"))
            #expect(page.contains("Back pain with a high temperature or chills"))
            let other = String(buffer: try await get("/articles/leg-cramps", client).body)
            #expect(!other.contains("care-card "))
        }
    }

    @Test func anEditedArticleGetsTheCardsOfItsNewText() throws {
        let care = CareAdvisor(triage: try Triage.bundled(), region: .uk)
        let before = Article.stub(slug: "edited", questions: [("When should I see a health care provider?", "If you have a fever with back pain.")])
        let after = Article.stub(slug: "edited", questions: [("When should I see a health care provider?", "If your back pain lasts more than a few weeks.")])
        #expect(care.cards(for: before).map(\.ruleID) == ["back-pain-with-fever"])
        #expect(care.cards(for: after).map(\.ruleID) == ["pain-lasting-weeks"])
        #expect(care.cards(for: before).map(\.ruleID) == ["back-pain-with-fever"])
    }
}
