import Foundation
import RehabCore
import RehabStoreSQLite
import RehabTestSupport
import Testing

@Suite("SQLite backup and restore")
struct BackupTests {
    /// A migrated store in a new file, and the folder it is in.
    static func makeStore() async throws -> (SQLiteContentStore, ContentFolder) {
        let folder = try ContentFolder()
        let store = try SQLiteContentStore(path: folder.path + "/site.sqlite")
        try await store.migrate()
        return (store, folder)
    }

    @Test func aBackupRestoredGivesBackTheContentOfItsMoment() async throws {
        let (store, folder) = try await Self.makeStore()
        let original = ContentBundle.stub([.stub(slug: "first"), .stub(slug: "second")])
        try await store.apply(original)
        let backup = folder.path + "/backup.sqlite"
        try await store.backup(to: backup)

        try await store.apply(.stub([.stub(slug: "third")]), prune: true)
        let tokenBefore = try await store.changeToken()
        try await store.restore(from: backup)

        #expect(try await store.exportAll() == original.sorted)
        // Running nodes compare this token: a restore must move it on.
        #expect(try await store.changeToken() > tokenBefore)
        // The store still writes after a restore.
        try await store.apply(.stub([.stub(slug: "fourth")]))
        #expect(try await store.article(slug: "fourth") != nil)
    }

    @Test func aBackupIntoAnotherDatabaseFileOpensAsAStore() async throws {
        let (store, folder) = try await Self.makeStore()
        try await store.apply(.stub())
        let backup = folder.path + "/copy.sqlite"
        try await store.backup(to: backup)
        let copy = try SQLiteContentStore(path: backup)
        try await copy.migrate()
        #expect(try await copy.exportAll() == ContentBundle.stub().sorted)
    }

    @Test func aBackupDoesNotReplaceAFileUnlessAskedTo() async throws {
        let (store, folder) = try await Self.makeStore()
        try await store.apply(.stub())
        try folder.write("taken.sqlite", "keep me")
        let path = folder.path + "/taken.sqlite"
        await #expect(throws: BackupError.self) { try await store.backup(to: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
        try await store.backup(to: path, overwrite: true)
        #expect(FileManager.default.contents(atPath: path) != Data("keep me".utf8))
    }

    /// A text file, and an empty file, which SQLite opens as an empty database that is not ours.
    @Test(arguments: [("not a database at all", "is not an SQLite database"), ("", "not a RehabFAQs backup")])
    func restoringSomethingElseIsRefusedAndChangesNothing(_ text: String, _ message: String) async throws {
        let (store, folder) = try await Self.makeStore()
        try await store.apply(.stub())
        let other = try folder.write("other.sqlite", text)
        await #expect { try await store.restore(from: other) } throws: { error in
            (error as? BackupError)?.description.contains(message) == true
        }
        await #expect(throws: BackupError.self) { try await store.restore(from: folder.path + "/missing.sqlite") }
        #expect(try await store.exportAll() == ContentBundle.stub().sorted)
    }
}
