import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
@testable import RehabCLI
import RehabCore
import RehabServer
import RehabStoreSQLite
import RehabTestSupport
import Testing

/// What operators and their tools read: health, readiness, metrics and logs.
@Suite("Operations endpoints")
struct OperationsTests {
    @Test func healthAndReadinessAnswerWhenTheSiteCanServe() async throws {
        let (app, _) = try await SiteTests.makeSite()
        try await app.test(.router) { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok)
            #expect(String(buffer: ready.body) == "ready\n")
            #expect(ready.headers[.cacheControl] == "no-store")
        }
    }

    @Test func metricsCountRequestsPerRouteAndTimeSearches() async throws {
        let (app, _) = try await SiteTests.makeSite()
        try await app.test(.router) { client in
            _ = try await client.execute(uri: "/api/search?q=spasm", method: .get)
            _ = try await client.execute(uri: "/articles/ease-a-back-spasm", method: .get)
            _ = try await client.execute(uri: "/articles/ease-a-back-spasm", method: .get)
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = String(buffer: response.body)
            let lines = text.split(separator: "\n").map(String.init)
            // Per route, by the route's pattern rather than each address.
            #expect(lines.contains { $0.hasPrefix("hb_requests{") && $0.contains("/articles/{slug}") })
            #expect(lines.contains { $0.hasPrefix("rehabfaqs_search_duration_seconds_count") })
            #expect(lines.contains { $0.hasPrefix("rehabfaqs_page_cache_total{result=\"hit\"}") })
            #expect(lines.contains { $0.hasPrefix("rehabfaqs_search_index_questions ") && !$0.hasSuffix(" 0") })
        }
    }

    @Test func withMetricsTurnedOffTheMetricsAddressIsNotFoundAndPagesStillServe() async throws {
        let store = try SQLiteContentStore.inMemory()
        try await store.migrate()
        try await store.apply(.stub())
        let app = try await buildApplication(store: store, configuration: ServerConfiguration(site: SiteConfiguration(baseURL: "https://rehab.example"),
                                                                                          metrics: false),
                                             logger: SiteTests.logger)
        try await app.test(.router) { client in
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .notFound)
            let article = try await client.execute(uri: "/articles/ease-a-back-spasm", method: .get)
            #expect(article.status == .ok)
        }
    }

    @Test func jsonLogLinesAreOneObjectWithTheMessageAndItsMetadata() throws {
        let line = JSONLogHandler.line(time: Date(timeIntervalSince1970: 1_780_000_000), level: .warning, label: "rehabfaqs",
                                       message: "Database out of reach", metadata: ["http.path": "/articles/x"])
        #expect(line.hasSuffix("}\n"))
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        #expect(object == ["time": "2026-05-28T20:26:40.000Z", "level": "warning", "logger": "rehabfaqs",
                           "message": "Database out of reach", "http.path": "/articles/x"])
    }
}
