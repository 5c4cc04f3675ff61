import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RehabCore
import RehabServer
import RehabTestSupport
import Testing

@Suite("Precompressed pages")
struct CompressionTests {
    @Test func aClientThatAcceptsGzipGetsTheSamePageCompressed() async throws {
        let (app, _) = try await SiteTests.makeSite(SiteTests.sampleBundle)
        try await app.test(.router) { client in
            let plain = try await client.execute(uri: "/articles/back-spasm", method: .get)
            let zipped = try await client.execute(uri: "/articles/back-spasm", method: .get, headers: [.acceptEncoding: "br;q=1, gzip;q=0.8"])
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(zipped.headers[.vary] == "Accept-Encoding")
            #expect(zipped.body.readableBytes < plain.body.readableBytes)
            var body = zipped.body
            let unzipped = try body.decompress(with: .gzip())
            #expect(String(buffer: unzipped) == String(buffer: plain.body))
            // Each form has its own validator, and each revalidates to 304.
            let plainETag = try #require(plain.headers[.eTag])
            let zippedETag = try #require(zipped.headers[.eTag])
            #expect(plainETag != zippedETag)
            let again = try await client.execute(uri: "/articles/back-spasm", method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: zippedETag])
            #expect(again.status == .notModified)
        }
    }

    @Test(arguments: [("gzip;q=0", false), ("identity", false), ("*", true), ("gzip, deflate", true), ("*;q=0.5, gzip;q=0", false), ("GZIP", true)])
    func acceptEncodingIsReadAsRFC9110Says(_ header: String, _ compressed: Bool) async throws {
        let (app, _) = try await SiteTests.makeSite()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/", method: .get, headers: [.acceptEncoding: header])
            #expect((response.headers[.contentEncoding] == "gzip") == compressed)
        }
    }

    @Test func aContentChangeReplacesTheCachedPage() async throws {
        let (app, store) = try await SiteTests.makeSite()
        try await app.test(.router) { client in
            let before = String(buffer: try await client.execute(uri: "/articles/ease-a-back-spasm", method: .get).body)
            try await store.apply(.stub([.stub(title: "A new title for the spasm article")]))
            // The content watcher notices the change within about a second.
            var after = before
            for _ in 0..<40 where !after.contains("A new title for the spasm article") {
                try await Task.sleep(for: .milliseconds(100))
                after = String(buffer: try await client.execute(uri: "/articles/ease-a-back-spasm", method: .get).body)
            }
            #expect(after.contains("A new title for the spasm article"))
        }
    }
}
