import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RehabServer
import RehabTestSupport
import Testing

@Suite("One address per page")
struct CanonicalURLTests {
    @Test(arguments: [
        ("/articles/back-spasm/", "/articles/back-spasm"),
        ("/articles/back-spasm?utm_source=newsletter", "/articles/back-spasm"),
        ("/Articles/Back-Spasm", "/articles/back-spasm"),
        ("/A-Z/%C3%A9", "/a-z/%C3%A9"),
        ("/a-z/?x=1", "/a-z"),
        ("/?ref=home", "/"),
        ("/search?q=back&utm_medium=email&page=2", "/search?q=back&page=2"),
        ("/articles?page=2&sort=new", "/articles?page=2"),
    ])
    func otherSpellingsRedirectToTheCanonicalAddress(_ uri: String, _ target: String) async throws {
        let (app, _) = try await SiteTests.makeSite(SiteTests.sampleBundle)
        try await app.test(.router) { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .movedPermanently)
            #expect(response.headers[.location] == target)
        }
    }

    @Test(arguments: ["/", "/articles/back-spasm", "/a-z/a", "/search?q=back+pain&page=1", "/articles?page=1",
                      "/api/search?q=back&limit=3", "/healthz", "/sitemap.xml"])
    func canonicalAddressesAnswerDirectly(_ uri: String) async throws {
        let (app, _) = try await SiteTests.makeSite(SiteTests.sampleBundle)
        try await app.test(.router) { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .ok)
        }
    }
}
