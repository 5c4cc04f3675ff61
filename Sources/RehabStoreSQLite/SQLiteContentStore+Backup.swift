import Foundation
internal import GRDB

extension SQLiteContentStore {
    /// Copies the whole database into a new file at `path`, with SQLite's online backup API: the
    /// site may keep serving and importing meanwhile, and the copy is one consistent moment.
    ///
    /// - Throws: ``BackupError`` when `path` exists (unless `overwrite`) or cannot be written.
    public func backup(to path: String, overwrite: Bool = false) async throws {
        let destination = URL(fileURLWithPath: path)
        if FileManager.default.fileExists(atPath: path) {
            guard overwrite else { throw BackupError("\(path) already exists; choose a new file name or pass --force to replace it") }
            try FileManager.default.removeItem(at: destination)
        }
        // Written beside the target and moved into place, so that a failed backup leaves no half-written file.
        let partial = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: partial) }
        let writer = self.writer
        try await Self.offThePool {
            let copy: DatabaseQueue
            do {
                copy = try DatabaseQueue(path: partial.path)
            } catch {
                throw BackupError("cannot create \(path): \(error)")
            }
            try writer.backup(to: copy)
            // One file that opens anywhere: no write-ahead log beside it.
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
        }
        try FileManager.default.moveItem(at: partial, to: destination)
    }

    /// Replaces all content with that of the backup at `path`, in one step: readers see either the
    /// old content or the restored one. Running `serve` processes on the same file notice the
    /// change within a second, as after an import.
    ///
    /// - Throws: ``BackupError`` when `path` is not a RehabFAQs database this version can read;
    ///   nothing is changed then.
    public func restore(from path: String) async throws {
        guard FileManager.default.fileExists(atPath: path) else { throw BackupError("\(path) does not exist") }
        let writer = self.writer
        try await Self.offThePool {
            var configuration = Configuration()
            configuration.readonly = true
            let source: DatabaseQueue
            do {
                source = try DatabaseQueue(path: path, configuration: configuration)
                try source.read { db in try db.execute(sql: "SELECT count(*) FROM sqlite_master") }
            } catch {
                throw BackupError("\(path) is not an SQLite database: \(error)")
            }
            defer { try? source.close() }
            let (applied, sourceVersion) = try source.read { db -> (Set<String>, Int64) in
                guard try db.tableExists("grdb_migrations"), try db.tableExists("contentVersion") else {
                    throw BackupError("\(path) is an SQLite database but not a RehabFAQs backup (it has no content tables)")
                }
                let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
                return (applied, try Int64.fetchOne(db, sql: "SELECT version FROM contentVersion WHERE id = 1") ?? 0)
            }
            let known = Set(Migrations.migrator.migrations)
            if let unknown = applied.subtracting(known).sorted().first {
                throw BackupError("\(path) was made by a newer rehabfaqs (it has migration '\(unknown)'); restore it with that version")
            }
            let currentVersion = try writer.read { db in try Int64.fetchOne(db, sql: "SELECT version FROM contentVersion WHERE id = 1") ?? 0 }
            try source.backup(to: writer)
            // The restored file may be from an older version: bring its schema up to date, and move the
            // change token past both so that every running node rebuilds its pages and index.
            try Migrations.migrator.migrate(writer)
            try writer.write { db in
                try db.execute(sql: "UPDATE contentVersion SET version = ? WHERE id = 1", arguments: [max(currentVersion, sourceVersion) + 1])
            }
        }
    }

    /// Runs blocking SQLite work on a dispatch thread rather than the cooperative pool.
    private static func offThePool(_ work: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}

/// A backup or restore that cannot be done, said in plain words.
public struct BackupError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
