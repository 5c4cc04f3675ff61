import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import RehabCore
import RehabServer
import RehabStoreSQLite
import RehabTestSupport
import Testing

/// The site over HTTP, through Hummingbird's in-process test client.
@Suite("Reader-facing site")
struct SiteTests {
    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// A store holding `bundle` and a site built on it.
    static func makeSite(_ bundle: ContentBundle = .stub()) async throws -> (some ApplicationProtocol, SQLiteContentStore) {
        let store = try SQLiteContentStore.inMemory()
        try await store.migrate()
        try await store.apply(bundle)
        let app = try await buildApplication(store: store, configuration: ServerConfiguration(site: SiteConfiguration(baseURL: "https://rehab.example")), logger: logger)
        return (app, store)
    }

    static let today = CalendarDate.today

    /// A fixture with enough variety for every page.
    static var sampleBundle: ContentBundle {
        var bundle = ContentBundle.stub([
            .stub(slug: "ankle-sprain", title: "How do I rehab a sprained ankle?", topics: ["Ankle and foot"], index: "Ankle sprain"),
            .stub(slug: "back-spasm", title: "How to ease a back spasm", topics: ["Back"], aliases: ["old-back-spasm"]),
            .stub(slug: "three-stretches", title: "3 stretches for a stiff neck", topics: ["Neck", "Back"]),
            .stub(slug: "eclair", title: "Épaule gelée", topics: ["Shoulder"]),
            .stub(slug: "zebra", title: "Zebra crossings and knee pain", topics: ["Knee"]),
            .stub(slug: "a-draft", title: "A secret draft", draft: true),
            .stub(slug: "future", title: "A future article", published: today.adding(months: 2)),
        ])
        bundle.topics = [TopicDescription(slug: "back", name: "Back", description: "All about **backs**.")]
        return bundle
    }

    /// A page without its JSON-LD blocks: data that browsers never run, in which `<` is always escaped.
    static func withoutLinkedData(_ page: String) -> String {
        page.replacing(#/<script type="application/ld\+json">[^<]*</script>/#, with: "")
    }

    private func get(_ uri: String, _ client: some TestClientProtocol, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: headers)
    }

    @Test(arguments: ["/", "/articles", "/articles/back-spasm", "/a-z", "/a-z/a", "/a-z/0-9", "/a-z/q", "/topics", "/topics/back", "/authors/editorial-team"])
    func everyPageAnswersWithHTML(_ uri: String) async throws {
        let (app, _) = try await Self.makeSite(Self.sampleBundle)
        try await app.test(.router) { client in
            let response = try await get(uri, client)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.headers[.eTag] != nil)
            #expect(response.headers[.lastModified] != nil)
            let html = String(buffer: response.body)
            #expect(html.components(separatedBy: "<h1").count == 2, "exactly one h1")
            #expect(html.contains("<main id=\"main_content\""))
            #expect(html.contains("href=\"#main_content\""), "skip link")
        }
    }

    @Test func healthCheckAnswersOK() async throws {
        let (app, _) = try await Self.makeSite()
        try await app.test(.router) { client in
            let response = try await get("/healthz", client)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "ok\n")
        }
    }

    @Test func articlePageShowsTheDirectAnswerQuestionsAndSources() async throws {
        let (app, _) = try await Self.makeSite(Self.sampleBundle)
        try await app.test(.router) { client in
            let html = String(buffer: try await get("/articles/back-spasm", client).body)
            #expect(html.contains("<h1 id=\"page_title\">How to ease a back spasm</h1>"))
            #expect(html.contains("By <a href=\"/authors/editorial-team\">RehabFAQs Editorial Team</a> · Published <time datetime=\"2025-03-10\""))
            #expect(html.contains("(10 March 2025)"), "the exact date is visible, not only in a tooltip")
            #expect(html.contains("Not yet clinically reviewed"))
            #expect(html.contains("class=\"direct-answer\""))
            #expect(html.contains("Keep moving gently and use warmth."))
            #expect(html.contains("<a href=\"#how-can-i-ease-a-spasm-at-home\">How can I ease a spasm at home?</a>"))
            #expect(html.contains("id=\"when-should-i-see-a-health-care-provider\""))
            #expect(html.contains("href=\"/articles/back-spasm#how-can-i-ease-a-spasm-at-home\""), "permalink to one answer")
            #expect(html.contains("<a href=\"https://www.nhs.uk/conditions/back-pain/\" rel=\"noopener\">Back pain</a>, NHS"))
            #expect(html.contains("general information, not a diagnosis"))
            #expect(html.contains("<link rel=\"canonical\" href=\"https://rehab.example/articles/back-spasm\">"))
            // Related: shares the Back topic.
            #expect(html.contains("href=\"/articles/three-stretches\""))
        }
    }

    @Test func aReviewedArticleNamesItsReviewerAndNextReview() async throws {
        var bundle = Self.sampleBundle
        bundle.authors.append(Author(slug: "pat-physio", name: "Pat Physio", credentials: "MCSP"))
        bundle.articles[1].reviewer = "pat-physio"
        bundle.articles[1].reviewed = CalendarDate("2025-06-01")
        let (app, _) = try await Self.makeSite(bundle)
        try await app.test(.router) { client in
            let html = String(buffer: try await get("/articles/back-spasm", client).body)
            #expect(html.contains("Clinically reviewed by <a href=\"/authors/pat-physio\">Pat Physio</a> on <time datetime=\"2025-06-01\">1 June 2025</time>"))
            #expect(html.contains("<time datetime=\"2026-06-01\">1 June 2026</time>"))
            #expect(!html.contains("Not yet clinically reviewed"))
        }
    }

    @Test(arguments: ["/articles/nope", "/articles/a-draft", "/articles/future", "/a-z/ab", "/a-z/%C3%A9", "/topics/nope", "/authors/nobody", "/nope/at/all", "/assets/style.css", "/images/0000/none.png"])
    func unknownAddressesGetAHelpful404Page(_ uri: String) async throws {
        let (app, _) = try await Self.makeSite(Self.sampleBundle)
        try await app.test(.router) { client in
            let response = try await get(uri, client)
            #expect(response.status == .notFound)
            let html = String(buffer: response.body)
            #expect(html.contains("<h1 id=\"page_title\">Page not found</h1>"))
            #expect(html.contains("href=\"/\""))
            #expect(html.contains("href=\"/a-z\""))
        }
    }

    @Test func draftsAndFutureArticlesAreNotListed() async throws {
        let (app, _) = try await Self.makeSite(Self.sampleBundle)
        try await app.test(.router) { client in
            for uri in ["/", "/articles", "/a-z", "/topics/back"] {
                let html = String(buffer: try await get(uri, client).body)
                #expect(!html.contains("a-draft") && !html.contains("future"), "\(uri)")
            }
        }
    }

    @Test func anOldSlugRedirectsPermanently() async throws {
        let (app, _) = try await Self.makeSite(Self.sampleBundle)
        try await app.test(.router) { client in
            let response = try await get("/articles/old-back-spasm", client)
            #expect(response.status == .movedPermanently)
            #expect(response.headers[.location] == "/articles/back-spasm")
        }
    }

    @Test func aMatchingETagGets304() async throws {
        let (app, _) = try await Self.makeSite()
        try await app.test(.router) { client in
            let first = try await get("/articles/ease-a-back-spasm", client)
            let etag = try #require(first.headers[.eTag])
            let second = try await get("/articles/ease-a-back-spasm", client, headers: [.ifNoneMatch: etag])
            #expect(second.status == .notModified)
            #expect(second.body.readableBytes == 0)
            #expect(second.headers[.eTag] == etag)
            let other = try await get("/articles/ease-a-back-spasm", client, headers: [.ifNoneMatch: "\"something-else\""])
            #expect(other.status == .ok)
        }
    }

    @Test func headRequestsGetTheHeadersWithoutTheBody() async throws {
        let (app, _) = try await Self.makeSite()
        try await app.test(.router) { client in
            let get = try await get("/articles/ease-a-back-spasm", client)
            let head = try await client.execute(uri: "/articles/ease-a-back-spasm", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.eTag] == get.headers[.eTag])
            #expect(head.headers[.contentLength] == String(get.body.readableBytes))
            #expect(try await client.execute(uri: "/nope", method: .head).status == .notFound)
        }
    }

    @Test func anUnchangedPageSinceADateGets304() async throws {
        let (app, _) = try await Self.makeSite()
        try await app.test(.router) { client in
            let first = try await get("/a-z", client)
            let lastModified = try #require(first.headers[.lastModified])
            #expect(try await get("/a-z", client, headers: [.ifModifiedSince: lastModified]).status == .notModified)
            #expect(try await get("/a-z", client, headers: [.ifModifiedSince: "Mon, 01 Jan 2001 00:00:00 GMT"]).status == .ok)
        }
    }

    @Test func assetsAreFingerprintedAndCachedForAYear() async throws {
        let (app, _) = try await Self.makeSite()
        try await app.test(.router) { client in
            let html = String(buffer: try await get("/", client).body)
            let match = try #require(html.firstMatch(of: /href="(\/assets\/style\.[0-9a-f]{12}\.css)"/))
            let response = try await get(String(match.1), client)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(String(buffer: response.body).contains("@media print"))
        }
    }

    @Test func contentImagesAreServedUnderTheirHash() async throws {
        var bundle = ContentBundle.stub([.stub(questions: [("What does it look like?", "![The spine](../images/spine.png)")])])
        let image = ImageAsset(name: "spine.png", contentType: "image/png", data: [0x89, 0x50, 0x4E, 0x47, 9])
        bundle.images = [image]
        let (app, _) = try await Self.makeSite(bundle)
        try await app.test(.router) { client in
            let html = String(buffer: try await get("/articles/ease-a-back-spasm", client).body)
            let url = "/images/\(image.hash)/spine.png"
            #expect(html.contains("<img src=\"\(url)\" alt=\"The spine\""))
            let response = try await get(url, client)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "image/png")
            #expect(Array(buffer: response.body) == image.data)
        }
    }

    @Test func markupInContentIsShownAsTextAndNeverRuns() async throws {
        let nasty = "<script>alert('x')</script>"
        let bundle = ContentBundle.stub([.stub(
            title: "Is \(nasty) safe?", summary: "Summary \(nasty)",
            questions: [("Why \(nasty)?", "Answer \(nasty) and <img src=x onerror=alert(1)> [link](javascript:alert(1))")]
        )])
        let (app, _) = try await Self.makeSite(bundle)
        try await app.test(.router) { client in
            for uri in ["/articles/ease-a-back-spasm", "/", "/a-z", "/a-z/i", "/articles"] {
                let page = String(buffer: try await get(uri, client).body)
                let html = Self.withoutLinkedData(page)
                #expect(!html.contains("<script"), "\(uri)")
                #expect(!html.contains("onerror"), "\(uri)")
                #expect(!html.contains("javascript:"), "\(uri)")
            }
            let article = String(buffer: try await get("/articles/ease-a-back-spasm", client).body)
            #expect(article.contains("Is &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; safe?"))
            #expect(article.contains("Why &lt;script&gt;"))
        }
    }

    @Test func theIndexListsEntriesAlphabeticallyWithDigitsInTheirOwnBucket() async throws {
        let (app, _) = try await Self.makeSite(Self.sampleBundle)
        try await app.test(.router) { client in
            let all = String(buffer: try await get("/a-z", client).body)
            let terms = all.matches(of: /class="index-term" href="[^"]+">([^<]+)</).map { String($0.1) }
            #expect(terms == ["Ankle and foot", "Ankle sprain", "Back", "Ease a back spasm", "Épaule gelée", "Knee", "Neck", "Shoulder", "Zebra crossings and knee pain", "3 stretches for a stiff neck"])
            let digits = String(buffer: try await get("/a-z/0-9", client).body)
            #expect(digits.contains(">3 stretches for a stiff neck</a>"))
            #expect(!digits.contains(">Ankle sprain</a>"))
            // Each article entry lists its questions with links to their anchors.
            #expect(all.contains("<a href=\"/articles/ankle-sprain#how-can-i-ease-a-spasm-at-home\">How can I ease a spasm at home?</a>"))
            // Letters with no entries are shown but not linked.
            #expect(all.contains("<a href=\"/a-z/e\""))
            #expect(!all.contains("href=\"/a-z/q\""))
            #expect(all.contains("<span class=\"letter-empty\">Q<span class=\"visually-hidden\">, no entries</span></span>"))
        }
    }

    @Test func articleListIsPaginated() async throws {
        let many = (1...25).map { Article.stub(slug: "article-\($0)", title: "Article \($0)", published: CalendarDate(year: 2025, month: 1, day: $0)!) }
        let (app, _) = try await Self.makeSite(.stub(many))
        try await app.test(.router) { client in
            let first = String(buffer: try await get("/articles", client).body)
            #expect(first.contains("Page 1 of 2"))
            #expect(first.contains("href=\"/articles/article-25\""), "newest first")
            #expect(!first.contains("href=\"/articles/article-5\""))
            #expect(first.contains("href=\"/articles?page=2\""))
            let second = String(buffer: try await get("/articles?page=2", client).body)
            #expect(second.contains("href=\"/articles/article-1\""))
            #expect(try await get("/articles?page=3", client).status == .notFound)
            let bad = try await get("/articles?page=abc", client)
            #expect(bad.status == .badRequest)
            #expect(String(buffer: bad.body).contains("whole number"))
        }
    }

    @Test func topicAndAuthorPagesListTheirArticles() async throws {
        let (app, _) = try await Self.makeSite(Self.sampleBundle)
        try await app.test(.router) { client in
            let topic = String(buffer: try await get("/topics/back", client).body)
            #expect(topic.contains("<strong>backs</strong>"))
            #expect(topic.contains("href=\"/articles/back-spasm\""))
            #expect(topic.contains("href=\"/articles/three-stretches\""))
            #expect(!topic.contains("href=\"/articles/zebra\""))
            let author = String(buffer: try await get("/authors/editorial-team", client).body)
            #expect(author.contains("RehabFAQs Editorial Team"))
            #expect(author.contains("href=\"/articles/zebra\""))
        }
    }

    @Test func anImportMadeWhileServingShowsUpWithinASecond() async throws {
        let (app, store) = try await Self.makeSite()
        try await app.test(.router) { client in
            #expect(try await get("/articles/brand-new", client).status == .notFound)
            try await store.apply(.stub([.stub(), .stub(slug: "brand-new", title: "Brand new")]))
            var status = HTTPResponse.Status.notFound
            for _ in 0..<30 where status != .ok {
                try await Task.sleep(for: .milliseconds(100))
                status = try await get("/articles/brand-new", client).status
            }
            #expect(status == .ok)
        }
    }
}
