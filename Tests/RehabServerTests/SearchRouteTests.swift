import ArgumentParser
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RehabCore
import RehabServer
import RehabStoreSQLite
@testable import RehabCLI
import RehabTestSupport
import Testing

@Suite("Search pages and API")
struct SearchRouteTests {
    static var bundle: ContentBundle {
        .stub([
            .stub(slug: "back-spasm", title: "How to ease a back spasm while pregnant", topics: ["Back", "Pregnancy"], questions: [
                ("How can I ease a back spasm at home?", "Keep moving gently and use **warmth** on your lower back."),
                ("When should I see a health care provider?", "If you have a fever with back pain."),
            ]),
            .stub(slug: "leg-cramps", title: "Leg cramps at night", topics: ["Cramps"], questions: [
                ("Why do I get cramps in my calf at night?", "Night cramps in the calf are common. Stretch the calf before bed."),
            ]),
            .stub(slug: "hidden", title: "A draft about knees", draft: true, questions: [("Knee draft?", "Secret knee text.")]),
        ])
    }

    private func get(_ uri: String, _ client: some TestClientProtocol) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get)
    }

    @Test func anArticleShowsOnceInTheResultsEvenWhenItsAnswersRankBetweenAnothersAnswers() async throws {
        // Both articles answer about cramps, heat and stretching, so their hits interleave by score.
        let bundle = ContentBundle.stub([
            .stub(slug: "night-cramps", title: "Night cramps", questions: [
                ("How do I stop a calf cramp?", "Stretch the calf cramp gently."),
                ("Does heat help a cramp?", "Heat can help a cramp."),
            ]),
            .stub(slug: "foot-cramps", title: "Foot cramps", questions: [
                ("How do I stop a foot cramp?", "Stretch the foot cramp gently."),
                ("Does heat help a foot cramp?", "Heat can help a foot cramp."),
            ]),
        ])
        let (app, _) = try await SiteTests.makeSite(bundle)
        try await app.test(.router) { client in
            let html = String(buffer: try await get("/search?q=cramp%20stretch%20heat", client).body)
            let groups = html.matches(of: #/<section class="result-group" aria-labelledby="result_\d+">\s*<h2[^>]*><a href="([^"]+)"/#)
                .map { String($0.output.1) }
            #expect(groups.count == 2, "\(groups)")
            #expect(Set(groups).count == groups.count)
        }
    }

    @Test func theSearchPageGroupsAnswersByArticleWithSnippets() async throws {
        let (app, _) = try await SiteTests.makeSite(Self.bundle)
        try await app.test(.router) { client in
            let response = try await get("/search?q=sore%20back%20while%20expecting", client)
            #expect(response.status == .ok)
            let html = String(buffer: response.body)
            #expect(html.contains("<a href=\"/articles/back-spasm\">How to ease a back spasm while pregnant</a>"))
            #expect(html.contains("href=\"/articles/back-spasm#how-can-i-ease-a-spasm-at-home\"") || html.contains("href=\"/articles/back-spasm#how-can-i-ease-a-back-spasm-at-home\""))
            #expect(html.contains("<mark>back</mark>"))
            #expect(!html.contains("Secret knee"))
        }
    }

    @Test func everyPageHasASearchBox() async throws {
        let (app, _) = try await SiteTests.makeSite(Self.bundle)
        try await app.test(.router) { client in
            for uri in ["/", "/a-z", "/articles/back-spasm", "/nope"] {
                let html = String(buffer: try await get(uri, client).body)
                #expect(html.contains("<form class=\"search-form header-search\" action=\"/search\" method=\"get\" role=\"search\""), "\(uri)")
            }
        }
    }

    @Test func aCorrectedTypoIsShown() async throws {
        let (app, _) = try await SiteTests.makeSite(Self.bundle)
        try await app.test(.router) { client in
            let html = String(buffer: try await get("/search?q=cramps%20at%20nigth", client).body)
            #expect(html.contains("Showing results for <strong>cramps at night</strong>"))
            #expect(html.contains("/articles/leg-cramps"))
        }
    }

    @Test func noResultsOffersTheIndexAndTopics() async throws {
        let (app, _) = try await SiteTests.makeSite(Self.bundle)
        try await app.test(.router) { client in
            let html = String(buffer: try await get("/search?q=zzzz%20qqqq", client).body)
            #expect(html.contains("No answers matched"))
            #expect(html.contains("href=\"/a-z\""))
            #expect(html.contains("href=\"/topics/back\""))
        }
    }

    @Test func theAPIAnswersTheDocumentedShape() async throws {
        let (app, _) = try await SiteTests.makeSite(Self.bundle)
        try await app.test(.router) { client in
            let response = try await get("/api/search?q=charley%20horse%20calf&limit=3", client)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            #expect(json["query"] as? String == "charley horse calf")
            #expect(json["urgent"] as? Bool == false)
            #expect((json["careCards"] as? [Any])?.isEmpty == true)
            let first = try #require((json["results"] as? [[String: Any]])?.first)
            #expect(first["article"] as? String == "leg-cramps")
            #expect(first["question"] as? String == "Why do I get cramps in my calf at night?")
            #expect(first["url"] as? String == "/articles/leg-cramps#why-do-i-get-cramps-in-my-calf-at-night")
            #expect(first["score"] is Double)
            #expect((first["snippet"] as? String)?.contains("<mark>") == true)
        }
    }

    @Test func theAPIFiltersByTopic() async throws {
        let (app, _) = try await SiteTests.makeSite(Self.bundle)
        try await app.test(.router) { client in
            let data = Data(try await get("/api/search?q=night%20back&topic=cramps", client).body.readableBytesView)
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect((json["results"] as? [[String: Any]])?.map { $0["article"] as? String } == ["leg-cramps"])
        }
    }

    @Test func suggestionsCompleteTheLastWord() async throws {
        let (app, _) = try await SiteTests.makeSite(Self.bundle)
        try await app.test(.router) { client in
            let data = Data(try await get("/api/suggest?q=calf%20cra", client).body.readableBytesView)
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let first = try #require((json["suggestions"] as? [[String: Any]])?.first)
            #expect(first["url"] as? String == "/articles/leg-cramps#why-do-i-get-cramps-in-my-calf-at-night")
        }
    }

    @Test(arguments: ["/search?q=", "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/search?q=%27%20OR%201%3D1%20--", "/search?q=%F0%9F%98%80",
                      "/api/search?q=the%20and%20of", "/api/suggest?q="])
    func oddQueriesGetAnAnswerNotAnError(_ uri: String) async throws {
        let (app, _) = try await SiteTests.makeSite(Self.bundle)
        try await app.test(.router) { client in
            let response = try await get(uri, client)
            #expect(response.status == .ok)
            #expect(!String(buffer: response.body).contains("<script>"))
        }
    }

    @Test func aQueryOver1000CharactersIsRefusedReadably() async throws {
        let (app, _) = try await SiteTests.makeSite(Self.bundle)
        let long = String(repeating: "a", count: 1_001)
        try await app.test(.router) { client in
            let page = try await get("/search?q=\(long)", client)
            #expect(page.status == .badRequest)
            #expect(String(buffer: page.body).contains("longer than 1,000 characters"))
            let api = try await get("/api/search?q=\(long)", client)
            #expect(api.status == .badRequest)
            #expect(api.headers[.contentType] == "application/json; charset=utf-8")
            #expect(String(buffer: api.body) == "{\"error\":\"q is longer than 1,000 characters\"}")
            #expect(try await get("/api/search?q=back&limit=0", client).status == .badRequest)
        }
    }

    @Test func anImportWhileServingShowsUpInTheNextSearch() async throws {
        let (app, store) = try await SiteTests.makeSite(Self.bundle)
        try await app.test(.router) { client in
            var bundle = Self.bundle
            bundle.articles.append(.stub(slug: "plantar", title: "Heel pain", questions: [("Why does my heel hurt in the morning?", "Plantar fasciitis is common.")]))
            try await store.apply(bundle)
            var found = false
            for _ in 0..<30 where !found {
                try await Task.sleep(for: .milliseconds(100))
                found = String(buffer: try await get("/api/search?q=heel%20morning", client).body).contains("\"article\":\"plantar\"")
            }
            #expect(found)
        }
    }

    @Test func anArticleEditedOrRemovedWhileServingIsSearchedAsItIsNow() async throws {
        let (app, store) = try await SiteTests.makeSite(Self.bundle)
        try await app.test(.router) { client in
            func articles(for query: String) async throws -> String {
                String(buffer: try await get("/api/search?q=\(query)", client).body)
            }
            #expect(try await articles(for: "calf%20cramps").contains("\"article\":\"leg-cramps\""))
            var bundle = Self.bundle
            bundle.articles[1] = .stub(slug: "leg-cramps", title: "Leg cramps at night", topics: ["Cramps"], questions: [
                ("Does magnesium stop night cramps?", "The evidence for magnesium is weak."),
            ])
            bundle.articles.remove(at: 0)
            try await store.apply(bundle, prune: true)
            var updated = false
            for _ in 0..<30 where !updated {
                try await Task.sleep(for: .milliseconds(100))
                updated = try await articles(for: "magnesium").contains("\"article\":\"leg-cramps\"")
            }
            #expect(updated)
            #expect(try await !articles(for: "calf%20before%20bed").contains("leg-cramps"), "the old answer is gone")
            #expect(try await !articles(for: "back%20spasm").contains("back-spasm"), "the removed article is gone")
        }
    }
}

@Suite("Counting searches that found nothing")
struct UnansweredSearchRouteTests {
    @Test func aSearchThatFindsNothingIsCountedWithoutWhoAsked() async throws {
        let (app, store) = try await SiteTests.makeSite(SearchRouteTests.bundle)
        try await app.test(.router) { client in
            _ = try await client.execute(uri: "/search?q=Zebra%20Knee", method: .get, headers: [.userAgent: "Secret Browser"])
            _ = try await client.execute(uri: "/api/search?q=zebra%20%20knee", method: .get)
            _ = try await client.execute(uri: "/search?q=back%20spasm", method: .get)
            _ = try await client.execute(uri: "/api/suggest?q=nothing%20here", method: .get)
        }
        let report = try await store.unansweredSearches(at: Date())
        #expect(report.map(\.query) == ["zebra knee"])
        #expect(report.first?.count == 2)
    }

    @Test func theReportCommandPrintsTheCounts() async throws {
        let folder = try ContentFolder()
        let store = try SQLiteContentStore(path: folder.databasePath)
        try await store.migrate()
        try await store.recordUnansweredSearch("heel pain morning", at: Date())
        let command = try #require(try RehabFAQsCommand.parseAsRoot(["report", "searches", "--json", "--database", folder.databasePath]) as? RehabFAQsCommand.Report.Searches)
        try await command.run()
        #expect(try await store.unansweredSearches(at: Date()).map(\.count) == [1])
    }
}
