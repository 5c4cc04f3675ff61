import Foundation
import GRDB
import PostgresNIO
import RehabCore
import RehabStorePostgres
import RehabStoreSQLite
import RehabTestSupport
import Testing

/// A node older than its database must not write to a schema it does not know.
@Suite("Migrations from a newer version")
struct UpgradeSafetyTests {
    @Test func anSQLiteDatabaseMigratedByANewerVersionIsRefused() async throws {
        let folder = try ContentFolder()
        let store = try SQLiteContentStore(path: folder.databasePath)
        try await store.migrate()
        let queue = try DatabaseQueue(path: folder.databasePath)
        try await queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        try queue.close()
        await #expect { try await store.migrate() } throws: { error in
            (error as? StoreError)?.description.contains("newer version of rehabfaqs") == true
        }
    }

    @Test func aPostgresDatabaseMigratedByANewerVersionIsRefused() async throws {
        let location = try await TestPostgres.makeDatabase()
        let store = PostgresContentStore(location: location, logger: TestPostgres.quietLogger)
        try await withRunningStores([store]) {
            try await store.migrate()
            let client = PostgresClient(configuration: .init(host: location.host, port: location.port, username: location.user,
                                                             password: nil, database: location.database, tls: .disable),
                                        backgroundLogger: TestPostgres.quietLogger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                defer { group.cancelAll() }
                try await client.query("INSERT INTO rehabfaqs_migration (id) VALUES ('v99-from-the-future')")
            }
            await #expect { try await store.migrate() } throws: { error in
                (error as? StoreError)?.description.contains("does not know") == true
            }
        }
    }

    @Test func nodesStartingTogetherMigrateAndSeedOnce() async throws {
        let location = try await TestPostgres.makeDatabase()
        let stores = (0..<4).map { _ in PostgresContentStore(location: location, logger: TestPostgres.quietLogger) }
        try await withRunningStores(stores) {
            // Four nodes start at once on an empty database: each migrates, then seeds only if empty.
            let seeded = try await withThrowingTaskGroup(of: ImportSummary?.self) { group in
                for (number, store) in stores.enumerated() {
                    group.addTask {
                        try await store.migrate()
                        return try await store.apply(.stub([.stub(slug: "seed-\(number)")]), prune: false, onlyIfEmpty: true)
                    }
                }
                return try await group.reduce(into: [ImportSummary?]()) { $0.append($1) }
            }
            #expect(seeded.compactMap { $0 }.count == 1)
            #expect(try await stores[0].articleSummaries().count == 1)
        }
    }
}
