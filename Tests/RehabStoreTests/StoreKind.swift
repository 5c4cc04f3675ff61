import Foundation
import RehabCore
import RehabStorePostgres
import RehabStoreSQLite
import RehabTestSupport
import Testing

/// The store implementations the conformance suite runs against. A new engine adds a case here
/// and the whole suite runs against it unchanged.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqliteInMemory
    case sqliteFile
    /// A fresh database in the throwaway cluster that `make test` starts.
    case postgres

    var testDescription: String { rawValue }

    /// A migrated, empty store of this kind.
    func makeEmptyStore() async throws -> any ContentStore {
        let store: any ContentStore
        switch self {
        case .sqliteInMemory:
            store = try SQLiteContentStore.inMemory()
        case .sqliteFile:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("rehabfaqs-store-\(UUID().uuidString).sqlite").path
            store = try SQLiteContentStore(path: path)
        case .postgres:
            let postgres = PostgresContentStore(location: try await TestPostgres.makeDatabase(), logger: TestPostgres.quietLogger)
            // The pool runs for the rest of the test process: a test's store is used until the test ends.
            Task { await postgres.run() }
            store = postgres
        }
        try await store.migrate()
        return store
    }
}
