import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import RehabCore
import RehabServer
import RehabStorePostgres
import RehabTestSupport
import Testing

/// Several `serve` nodes on one PostgreSQL database, and what they do when it goes away.
@Suite("Several nodes on PostgreSQL")
struct MultiNodeTests {
    static let logger = TestPostgres.quietLogger

    static func node(_ store: PostgresContentStore) async throws -> some ApplicationProtocol {
        try await buildApplication(store: store, configuration: ServerConfiguration(host: "127.0.0.1", port: 0), logger: logger)
    }

    static let newArticle = Article.stub(slug: "zygapophyseal-joint-pain", title: "What is zygapophyseal joint pain?",
                                         questions: [("Can zygapophyseal joints cause back pain?", "Yes, they can.")])

    /// Asks `client` for `uri` every 50 ms until `accept` holds or `limit` passes; returns how long it took.
    static func waitFor(_ uri: String, on client: some TestClientProtocol, limit: Duration = .seconds(10),
                        until accept: (TestResponse) -> Bool) async throws -> Duration? {
        let clock = ContinuousClock()
        let start = clock.now
        while clock.now - start < limit {
            if accept(try await client.execute(uri: uri, method: .get)) { return clock.now - start }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    @Test func aChangeWrittenThroughOneNodeReachesTheOtherWithinASecond() async throws {
        let location = try await TestPostgres.makeDatabase()
        let storeA = PostgresContentStore(location: location, logger: Self.logger)
        let storeB = PostgresContentStore(location: location, logger: Self.logger)
        try await withRunningStores([storeA, storeB]) {
            try await storeA.migrate()
            try await storeA.apply(.stub())
            let nodeA = try await Self.node(storeA)
            let nodeB = try await Self.node(storeB)
            try await nodeA.test(.live) { _ in
                try await nodeB.test(.live) { clientB in
                    let before = try await clientB.execute(uri: "/api/search?q=zygapophyseal", method: .get)
                    #expect(!String(buffer: before.body).contains(Self.newArticle.slug))

                    // Written through node A's store, as `rehabfaqs import` against node A's database does.
                    try await storeA.apply(.stub([.stub(), Self.newArticle]))

                    // Node B polls the database only every 10 s: seeing the change sooner means the NOTIFY got through.
                    let seen = try await Self.waitFor("/api/search?q=zygapophyseal", on: clientB) { response in
                        String(buffer: response.body).contains(Self.newArticle.slug)
                    }
                    let elapsed = try #require(seen, "node B never showed the new article")
                    #expect(elapsed < .seconds(1), "node B showed the change after \(elapsed)")
                    let page = try await clientB.execute(uri: "/articles/\(Self.newArticle.slug)", method: .get)
                    #expect(page.status == .ok)
                    #expect(String(buffer: page.body).contains("zygapophyseal joint pain"))
                }
            }
        }
    }

    @Test func nodesKeepServingThroughADatabaseRestartAndReconnectByThemselves() async throws {
        let cluster = try await TestCluster()
        defer { cluster.destroy() }
        // A generous time limit: other suites keep this machine's two cores busy while this one runs.
        let store = PostgresContentStore(location: cluster.location, logger: Self.logger, readTimeout: .seconds(10))
        try await withRunningStores([store]) {
            try await store.migrate()
            let seeded = ContentBundle.stub([.stub(), .stub(slug: "knee-brace", title: "Do I need a knee brace?")])
            try await store.apply(seeded)
            let node = try await Self.node(store)
            try await node.test(.live) { client in
                #expect(try await client.execute(uri: "/readyz", method: .get).status == .ok)
                #expect(try await client.execute(uri: "/articles/ease-a-back-spasm", method: .get).status == .ok)

                try await cluster.stop()

                // What the node holds in memory: the article page it rendered, index pages, search.
                #expect(try await client.execute(uri: "/articles/ease-a-back-spasm", method: .get).status == .ok)
                #expect(try await client.execute(uri: "/", method: .get).status == .ok)
                let search = try await client.execute(uri: "/api/search?q=spasm", method: .get)
                #expect(search.status == .ok)
                #expect(String(buffer: search.body).contains("ease-a-back-spasm"))
                // What it would have to read: a readable 503 that says when to come back.
                let uncached = try await client.execute(uri: "/articles/knee-brace", method: .get)
                #expect(uncached.status == .serviceUnavailable)
                #expect(uncached.headers[.retryAfter] != nil)
                #expect(String(buffer: uncached.body).contains("try again"))
                let ready = try await client.execute(uri: "/readyz", method: .get)
                #expect(ready.status == .serviceUnavailable)
                #expect(ready.headers[.retryAfter] != nil)
                // A write while the database is down fails cleanly.
                await #expect { try await store.apply(.stub([.stub(), Self.newArticle])) } throws: { error in
                    (error as? StoreError)?.isUnavailable == true
                }

                try await cluster.start()

                // No restart: the pool reconnects, and the listener with it.
                let back = try await Self.waitFor("/readyz", on: client, limit: .seconds(60)) { $0.status == .ok }
                #expect(back != nil, "the node did not become ready again after the database came back")
                #expect(try await client.execute(uri: "/articles/knee-brace", method: .get).status == .ok)
                // Nothing of the failed write was stored; a new write goes through and shows up.
                #expect(try await store.article(slug: Self.newArticle.slug) == nil)
                try await store.apply(.stub([.stub(), Self.newArticle]))
                let seen = try await Self.waitFor("/api/search?q=zygapophyseal", on: client) { response in
                    String(buffer: response.body).contains(Self.newArticle.slug)
                }
                #expect(seen != nil, "the node did not show a change made after the database came back")
            }
        }
    }
}
