import Foundation
import RehabCore
import RehabStoreSQLite

/// The store implementations the conformance suite runs against. A new engine adds a case here
/// and the whole suite runs against it unchanged.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqliteInMemory
    case sqliteFile

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
        }
        try await store.migrate()
        return store
    }
}

import Testing
