import Foundation
import Hummingbird
import RehabCore
import RehabRender

/// The reader-facing pages: home, articles, A–Z, topics, authors, and the files they use.
struct SiteController<Context: RequestContext>: Sendable {
    let content: ContentService
    let renderer: PageRenderer
    let care: CareAdvisor
    let feeds: SiteFeeds
    /// Whether `/metrics` answers; off, the address is a 404 like any other.
    var servesMetrics = true

    func addRoutes(to router: Router<Context>) {
        router.get("/", use: home)
        router.get("/articles", use: articleList)
        router.get("/articles/:slug", use: article)
        router.get("/a-z", use: index)
        router.get("/a-z/:letter", use: index)
        router.get("/topics", use: topicList)
        router.get("/topics/:slug", use: topic)
        router.get("/authors/:slug", use: author)
        router.get("/assets/:name", use: asset)
        router.get("/images/:hash/**", use: image)
        router.get("/sitemap.xml", use: sitemap)
        router.get("/feed.atom", use: feed)
        router.get("/robots.txt", use: robots)
        router.get("/llms.txt", use: llms)
        router.get("/healthz", use: health)
        router.get("/readyz", use: readiness)
        if servesMetrics { router.get("/metrics", use: metrics) }
    }

    /// The page at `key` from the snapshot's cache, else rendered by `render`, prepared (bytes,
    /// gzip, validator), kept and served. `render` throws for a page that does not exist.
    private func cached(_ key: String, _ snapshot: ContentService.Snapshot, request: Request,
                        contentType: String = "text/html; charset=utf-8",
                        render: () async throws -> String) async throws -> Response {
        if let page = snapshot.pages[key] {
            SiteMetrics.recordPageCache(hit: true)
            return PageResponse.prepared(page, request: request, lastModified: snapshot.lastModified)
        }
        SiteMetrics.recordPageCache(hit: false)
        let page = PreparedPage(text: try await render(), contentType: contentType)
        snapshot.pages.store(page, for: key)
        return PageResponse.prepared(page, request: request, lastModified: snapshot.lastModified)
    }

    @Sendable func home(request: Request, context: Context) async throws -> Response {
        let snapshot = try await content.snapshot()
        return try await cached("/", snapshot, request: request) { try renderer.home(catalog: snapshot.catalog) }
    }

    @Sendable func articleList(request: Request, context: Context) async throws -> Response {
        let snapshot = try await content.snapshot()
        var page = 1
        if let raw = request.uri.queryParameters.get("page") {
            guard let number = Int(raw), number >= 1 else {
                throw HTTPError(.badRequest, message: "The page number must be a whole number from 1 up.")
            }
            page = number
        }
        return try await cached("/articles?page=\(page)", snapshot, request: request) {
            guard let html = try renderer.articleList(catalog: snapshot.catalog, page: page) else {
                throw HTTPError(.notFound, message: "There is no page \(page) of articles.")
            }
            return html
        }
    }

    @Sendable func article(request: Request, context: Context) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let snapshot = try await content.snapshot()
        if snapshot.catalog.articlesBySlug[slug] != nil {
            return try await cached("/articles/\(slug)", snapshot, request: request) {
                guard let article = try await content.store.article(slug: slug) else {
                    throw HTTPError(.notFound, message: "We could not find an article at this address. It may have moved, or the link may have a typo.")
                }
                return try renderer.article(article, catalog: snapshot.catalog, careCards: care.cards(for: article).map(CareAdvisor.view))
            }
        }
        if Slug.isValid(slug), let target = try await content.store.articleSlug(forAlias: slug),
           snapshot.catalog.articlesBySlug[target] != nil {
            return PageResponse.permanentRedirect(to: "/articles/\(target)")
        }
        throw HTTPError(.notFound, message: "We could not find an article at this address. It may have moved, or the link may have a typo.")
    }

    @Sendable func index(request: Request, context: Context) async throws -> Response {
        let snapshot = try await content.snapshot()
        let letter = context.parameters.get("letter")
        return try await cached("/a-z/\(letter ?? "")", snapshot, request: request) {
            guard let html = try renderer.index(catalog: snapshot.catalog, letter: letter) else {
                throw HTTPError(.notFound, message: "The A–Z index has pages for the letters A to Z and for 0–9.")
            }
            return html
        }
    }

    @Sendable func topicList(request: Request, context: Context) async throws -> Response {
        let snapshot = try await content.snapshot()
        return try await cached("/topics", snapshot, request: request) { try renderer.topicList(catalog: snapshot.catalog) }
    }

    @Sendable func topic(request: Request, context: Context) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let snapshot = try await content.snapshot()
        guard let topic = snapshot.catalog.topicsBySlug[slug] else {
            throw HTTPError(.notFound, message: "We have no topic at this address.")
        }
        return try await cached("/topics/\(slug)", snapshot, request: request) { try renderer.topic(topic, catalog: snapshot.catalog) }
    }

    @Sendable func author(request: Request, context: Context) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let snapshot = try await content.snapshot()
        guard let author = snapshot.catalog.authorsBySlug[slug] else {
            throw HTTPError(.notFound, message: "We have no author at this address.")
        }
        return try await cached("/authors/\(slug)", snapshot, request: request) { try renderer.author(author, catalog: snapshot.catalog) }
    }

    @Sendable func asset(request: Request, context: Context) async throws -> Response {
        let name = try context.parameters.require("name")
        guard let asset = renderer.assets.asset(fingerprintedName: name) else {
            throw HTTPError(.notFound, message: "There is no file at this address.")
        }
        return PageResponse.immutable(asset.bytes, contentType: asset.contentType, request: request)
    }

    @Sendable func image(request: Request, context: Context) async throws -> Response {
        let hash = try context.parameters.require("hash")
        let name = context.parameters.getCatchAll().joined(separator: "/").removingPercentEncoding ?? ""
        guard let image = try await content.store.image(named: name), image.hash == hash else {
            throw HTTPError(.notFound, message: "There is no image at this address.")
        }
        return PageResponse.immutable(image.data, contentType: image.contentType, request: request)
    }

    @Sendable func sitemap(request: Request, context: Context) async throws -> Response {
        let snapshot = try await content.snapshot()
        return try await cached("/sitemap.xml", snapshot, request: request, contentType: "application/xml; charset=utf-8") {
            feeds.sitemap(catalog: snapshot.catalog)
        }
    }

    @Sendable func feed(request: Request, context: Context) async throws -> Response {
        let snapshot = try await content.snapshot()
        return try await cached("/feed.atom", snapshot, request: request, contentType: "application/atom+xml; charset=utf-8") {
            feeds.atomFeed(catalog: snapshot.catalog)
        }
    }

    @Sendable func robots(request: Request, context: Context) async throws -> Response {
        PageResponse.html(feeds.robots(), request: request, lastModified: nil, contentType: "text/plain; charset=utf-8")
    }

    @Sendable func llms(request: Request, context: Context) async throws -> Response {
        let snapshot = try await content.snapshot()
        return try await cached("/llms.txt", snapshot, request: request, contentType: "text/plain; charset=utf-8") {
            feeds.llms(catalog: snapshot.catalog)
        }
    }

    /// The process is up and answering.
    @Sendable func health(request: Request, context: Context) async throws -> Response {
        Self.plainText("ok\n")
    }

    /// The node can serve readers: its content and search index are loaded and its database answers.
    @Sendable func readiness(request: Request, context: Context) async throws -> Response {
        guard await content.isLoaded else { return Self.plainText("not ready: the content is not loaded yet\n", status: .serviceUnavailable) }
        do {
            _ = try await content.store.changeToken()
        } catch {
            var response = Self.plainText("not ready: the database is out of reach\n", status: .serviceUnavailable)
            response.headers[.retryAfter] = "\(ErrorPageMiddleware<Context>.retryAfterSeconds)"
            return response
        }
        return Self.plainText("ready\n")
    }

    /// Prometheus metrics (text format 0.0.4).
    @Sendable func metrics(request: Request, context: Context) async throws -> Response {
        let snapshot = try? await content.snapshot()
        let text = SiteMetrics.exposition(index: snapshot?.search, cachedPageCount: snapshot?.pages.count ?? 0)
        return Self.plainText(text, contentType: "text/plain; version=0.0.4; charset=utf-8")
    }

    private static func plainText(_ text: String, status: HTTPResponse.Status = .ok, contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(status: status, headers: [.contentType: contentType, .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
