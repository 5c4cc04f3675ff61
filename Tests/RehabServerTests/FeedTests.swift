import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RehabCore
import RehabServer
import RehabTestSupport
import Testing

/// The files for machines: sitemap, feed, robots.txt, llms.txt.
@Suite("Sitemap, feed, robots.txt and llms.txt")
struct FeedTests {
    /// The element names and texts of an XML document, or nil when it does not parse.
    final class XMLOutline: NSObject, XMLParserDelegate {
        var elements: [String] = []
        var texts: [String: [String]] = [:]
        var attributes: [[String: String]] = []
        private var current = ""
        private var text = ""

        static func parse(_ string: String) -> XMLOutline? {
            let outline = XMLOutline()
            let parser = XMLParser(data: Data(string.utf8))
            parser.delegate = outline
            return parser.parse() ? outline : nil
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elements.append(name)
            self.attributes.append(attributes)
            current = name
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            texts[name, default: []].append(text.trimmingWhitespace)
            text = ""
        }
    }

    static func get(_ uri: String, _ client: some TestClientProtocol) async throws -> (TestResponse, String) {
        let response = try await client.execute(uri: uri, method: .get)
        return (response, String(buffer: response.body))
    }

    @Test func theSitemapListsEveryVisiblePageWithItsLastChange() async throws {
        let (app, _) = try await SiteTests.makeSite(SiteTests.sampleBundle)
        try await app.test(.router) { client in
            let (response, body) = try await Self.get("/sitemap.xml", client)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/xml; charset=utf-8")
            let outline = try #require(XMLOutline.parse(body), "the sitemap is not well-formed XML")
            let locations = outline.texts["loc"] ?? []
            #expect(locations.contains("https://rehab.example/articles/back-spasm"))
            #expect(locations.contains("https://rehab.example/topics/back"))
            #expect(locations.contains("https://rehab.example/"))
            #expect(!locations.contains { $0.contains("a-draft") || $0.contains("/future") })
            #expect(Set(locations).count == locations.count)
            #expect(outline.texts["lastmod"]?.allSatisfy { CalendarDate($0) != nil } == true)
        }
    }

    @Test func theFeedHasOneEntryPerVisibleArticleWithAbsoluteLinks() async throws {
        let (app, _) = try await SiteTests.makeSite(SiteTests.sampleBundle)
        try await app.test(.router) { client in
            let (response, body) = try await Self.get("/feed.atom", client)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/atom+xml; charset=utf-8")
            let outline = try #require(XMLOutline.parse(body), "the feed is not well-formed XML")
            #expect(outline.elements.filter { $0 == "entry" }.count == 5)
            #expect(outline.attributes.contains { $0["rel"] == "self" && $0["href"] == "https://rehab.example/feed.atom" })
            #expect(outline.texts["id"]?.contains("https://rehab.example/articles/eclair") == true)
            #expect(outline.texts["title"]?.contains("Épaule gelée") == true)
            #expect(outline.texts["name"]?.contains("RehabFAQs Editorial Team") == true)
            #expect(!body.contains("A secret draft"))
        }
    }

    @Test func markupInContentIsEscapedInTheFeed() async throws {
        let bundle = ContentBundle.stub([.stub(title: "Heat & ice <script>alert(1)</script>")])
        let (app, _) = try await SiteTests.makeSite(bundle)
        try await app.test(.router) { client in
            let (_, body) = try await Self.get("/feed.atom", client)
            let outline = try #require(XMLOutline.parse(body))
            #expect(outline.texts["title"]?.contains("Heat & ice <script>alert(1)</script>") == true)
            #expect(!body.contains("<script>"))
        }
    }

    @Test func robotsPointsToTheSitemapAndKeepsCrawlersOutOfSearch() async throws {
        let (app, _) = try await SiteTests.makeSite()
        try await app.test(.router) { client in
            let (response, body) = try await Self.get("/robots.txt", client)
            #expect(response.status == .ok)
            #expect(body.contains("Sitemap: https://rehab.example/sitemap.xml"))
            #expect(body.contains("Disallow: /search"))
            #expect(body.contains("Disallow: /api/"))
        }
    }

    @Test func llmsTxtDescribesTheSiteAndListsItsArticles() async throws {
        let (app, _) = try await SiteTests.makeSite(SiteTests.sampleBundle)
        try await app.test(.router) { client in
            let (response, body) = try await Self.get("/llms.txt", client)
            #expect(response.status == .ok)
            #expect(body.hasPrefix("# RehabFAQs\n"))
            #expect(body.contains("(https://rehab.example/articles/ankle-sprain)"))
            #expect(body.contains("not a diagnosis"))
            #expect(!body.contains("a-draft"))
        }
    }

    @Test(arguments: ["/", "/articles/back-spasm", "/a-z", "/topics", "/search?q=back"])
    func everyPageLinksTheFeed(_ uri: String) async throws {
        let (app, _) = try await SiteTests.makeSite(SiteTests.sampleBundle)
        try await app.test(.router) { client in
            let (_, body) = try await Self.get(uri, client)
            #expect(body.contains(#"<link rel="alternate" type="application/atom+xml" href="/feed.atom">"#))
        }
    }
}

@Suite("Open Graph tags")
struct OpenGraphTests {
    @Test func anArticlePageDescribesItselfForSharing() async throws {
        let (app, _) = try await SiteTests.makeSite(SiteTests.sampleBundle)
        try await app.test(.router) { client in
            let body = String(buffer: try await client.execute(uri: "/articles/back-spasm", method: .get).body)
            #expect(body.contains(#"<meta property="og:type" content="article">"#))
            #expect(body.contains(#"<meta property="og:url" content="https://rehab.example/articles/back-spasm">"#))
            #expect(body.contains(#"<meta property="og:title" content="How to ease a back spasm | RehabFAQs">"#))
            #expect(body.contains(#"<meta property="og:site_name" content="RehabFAQs">"#))
            #expect(body.contains(#"<meta property="og:description" content=""#))
        }
    }

    @Test func otherPagesAreWebsites() async throws {
        let (app, _) = try await SiteTests.makeSite(SiteTests.sampleBundle)
        try await app.test(.router) { client in
            let body = String(buffer: try await client.execute(uri: "/topics", method: .get).body)
            #expect(body.contains(#"<meta property="og:type" content="website">"#))
            #expect(body.contains(#"<meta property="og:url" content="https://rehab.example/topics">"#))
        }
    }
}
