import Foundation
import Hummingbird
import Logging
import RehabCore
import RehabRender
public import RehabSafety
public import RehabSearch

/// The JSON shape of `/api/search` and `rehabfaqs search --json` (DESIGN.md).
public struct SearchResponse: Codable, Sendable {
    public struct Result: Codable, Sendable {
        public var article: String
        public var articleTitle: String
        public var question: String
        public var anchor: String
        public var url: String
        public var score: Double
        /// Escaped HTML with matches in `<mark>`.
        public var snippet: String
    }

    public var query: String
    /// Whether the query describes a warning sign that needs care now or today.
    public var urgent: Bool
    /// Care cards for warning signs in the query, most urgent first.
    public var careCards: [CareCardJSON]
    public var results: [Result]
    public var correctedQuery: String?
    public var total: Int

    /// The response for `results` of `query`.
    public init(query: String, results: SearchResults, careCards: [CareCard] = [], baseURL: String = "") {
        self.query = query
        urgent = careCards.contains { $0.level >= .urgent }
        self.careCards = careCards.map(CareCardJSON.init)
        correctedQuery = results.correctedQuery
        total = results.total
        self.results = results.hits.map { hit in
            Result(article: hit.document.article, articleTitle: hit.document.articleTitle, question: hit.document.question,
                   anchor: hit.document.anchor, url: "\(baseURL)/articles/\(hit.document.article)#\(hit.document.anchor)",
                   score: (hit.score * 1000).rounded() / 1000, snippet: hit.snippet)
        }
    }
}

/// `/search`, `/api/search` and `/api/suggest`.
struct SearchController<Context: RequestContext>: Sendable {
    let content: ContentService
    let renderer: PageRenderer
    let care: CareAdvisor
    static var perPage: Int { 20 }

    func addRoutes(to router: Router<Context>) {
        router.get("/search", use: page)
        router.get("/api/search", use: api)
        router.get("/api/suggest", use: suggest)
        router.get("/api/triage", use: triage)
    }

    /// `/api/triage?q=`: the warning signs in a reader's words (DESIGN.md's triage JSON).
    @Sendable func triage(request: Request, context: Context) async throws -> Response {
        let text = request.uri.queryParameters.get("q") ?? ""
        guard text.count <= CareAdvisor.maximumTextLength else {
            return Self.jsonError(.badRequest, "q is longer than 5,000 characters")
        }
        var response = try Self.json(TriageResponse(care.assess(text), region: care.region))
        response.headers[.cacheControl] = "private, no-store"
        return response
    }

    @Sendable func page(request: Request, context: Context) async throws -> Response {
        let query = request.uri.queryParameters.get("q") ?? ""
        guard query.count <= SearchIndex.maximumQueryLength else {
            throw HTTPError(.badRequest, message: "Your search is longer than 1,000 characters. Please use fewer words.")
        }
        var page = 1
        if let raw = request.uri.queryParameters.get("page") {
            guard let number = Int(raw), (1...500).contains(number) else {
                throw HTTPError(.badRequest, message: "The page number must be a whole number from 1 to 500.")
            }
            page = number
        }
        let topic = request.uri.queryParameters.get("topic").flatMap { $0.isEmpty ? nil : $0 }
        let snapshot = try await content.snapshot()
        let results = SiteMetrics.timedSearch { snapshot.search.search(query, limit: Self.perPage, offset: (page - 1) * Self.perPage, topic: topic) }
        if page == 1 { await countIfUnanswered(query, results: results, context: context) }
        let items = results.hits.map {
            PageRenderer.SearchResultItem(article: $0.document.article, articleTitle: $0.document.articleTitle,
                                          question: $0.document.question, anchor: $0.document.anchor, snippet: $0.snippet)
        }
        let html = try renderer.search(query: query, hits: items, total: results.total, correctedQuery: results.correctedQuery,
                                       page: page, perPage: Self.perPage, catalog: snapshot.catalog,
                                       careCards: care.cards(for: query).map(CareAdvisor.view))
        var response = PageResponse.html(html, request: request, lastModified: snapshot.lastModified)
        response.headers[.cacheControl] = "private, no-store"
        return response
    }

    @Sendable func api(request: Request, context: Context) async throws -> Response {
        let query = request.uri.queryParameters.get("q") ?? ""
        guard query.count <= SearchIndex.maximumQueryLength else {
            return Self.jsonError(.badRequest, "q is longer than 1,000 characters")
        }
        var limit = 10
        if let raw = request.uri.queryParameters.get("limit") {
            guard let number = Int(raw), (1...100).contains(number) else { return Self.jsonError(.badRequest, "limit must be a whole number from 1 to 100") }
            limit = number
        }
        let topic = request.uri.queryParameters.get("topic").flatMap { $0.isEmpty ? nil : $0 }
        let snapshot = try await content.snapshot()
        let results = SiteMetrics.timedSearch { snapshot.search.search(query, limit: limit, topic: topic) }
        await countIfUnanswered(query, results: results, context: context)
        return try Self.json(SearchResponse(query: query, results: results, careCards: care.cards(for: query)))
    }

    @Sendable func suggest(request: Request, context: Context) async throws -> Response {
        let query = request.uri.queryParameters.get("q") ?? ""
        guard query.count <= SearchIndex.maximumQueryLength else {
            return Self.jsonError(.badRequest, "q is longer than 1,000 characters")
        }
        let snapshot = try await content.snapshot()
        let documents = snapshot.search.suggestions(for: query, limit: 5)
        return try Self.json(SuggestResponse(query: query, suggestions: documents.map {
            SuggestResponse.Suggestion(question: $0.question, articleTitle: $0.articleTitle, url: "/articles/\($0.article)#\($0.anchor)")
        }))
    }

    /// Counts a search that found nothing, for `rehabfaqs report searches`. Only the query text
    /// is kept (no address, no user agent); a failure to count never fails the search.
    private func countIfUnanswered(_ query: String, results: SearchResults, context: Context) async {
        guard results.total == 0, !UnansweredSearch.normalize(query).isEmpty else { return }
        do {
            try await content.store.recordUnansweredSearch(query, at: Date())
        } catch {
            context.logger.warning("Could not count an unanswered search", metadata: ["error": "\(error)"])
        }
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "private, no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func jsonError(_ status: HTTPResponse.Status, _ message: String) -> Response {
        return (try? json(APIError(error: message), status: status))
            ?? Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: message)))
    }
}

/// The JSON of `/api/suggest`.
struct SuggestResponse: Encodable {
    struct Suggestion: Encodable {
        var question: String
        var articleTitle: String
        var url: String
    }
    var query: String
    var suggestions: [Suggestion]
}

/// The JSON body of an API error.
struct APIError: Encodable {
    var error: String
}
