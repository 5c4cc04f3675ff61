import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RehabCore
import RehabServer
import RehabTestSupport
import Testing

@Suite("Security headers")
struct SecurityHeadersTests {
    @Test(arguments: ["/", "/articles/back-spasm", "/no-such-page", "/api/search?q=back", "/search?q=" + String(repeating: "x", count: 1_200), "/feed.atom"])
    func everyResponseCarriesThem(_ uri: String) async throws {
        let (app, _) = try await SiteTests.makeSite(SiteTests.sampleBundle)
        try await app.test(.router) { client in
            let response = try await client.execute(uri: uri, method: .get)
            let policy = try #require(response.headers[.contentSecurityPolicy])
            #expect(!policy.contains("unsafe-inline"))
            #expect(policy.contains("frame-ancestors 'none'"))
            #expect(policy.contains("script-src 'self'"))
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "strict-origin-when-cross-origin")
        }
    }

    /// The policy forbids inline script and style, so the pages must carry none. JSON-LD blocks are
    /// data, not script: browsers never run them, and the policy does not apply to them.
    @Test(arguments: ["/", "/articles/back-spasm", "/a-z", "/topics/back", "/authors/editorial-team", "/search?q=back+pain"])
    func pagesHaveNoInlineScriptOrStyle(_ uri: String) async throws {
        let (app, _) = try await SiteTests.makeSite(SiteTests.sampleBundle)
        try await app.test(.router) { client in
            let page = String(buffer: try await client.execute(uri: uri, method: .get).body)
            let body = SiteTests.withoutLinkedData(page)
            #expect(!body.contains("<script"))
            #expect(!body.contains("<style"))
            #expect(!body.contains(" style="))
            #expect(!body.contains(" onclick="))
        }
    }
}
