import ArgumentParser
import Foundation
import RehabStoreSQLite

extension RehabFAQsCommand {
    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the SQLite database into a backup file, while the site keeps running.",
            discussion: """
                Uses SQLite's online backup API: serve and import may run meanwhile, and the copy is one consistent moment. For PostgreSQL, use pg_dump (see docs/deployment.md).

                Example:
                  rehabfaqs backup backups/rehabfaqs-2026-11-26.sqlite --database ./rehabfaqs.sqlite
                """
        )

        @OptionGroup var storage: DatabaseOptions

        @Argument(help: ArgumentHelp("The backup file to create.", valueName: "file"))
        var file: String

        @Flag(help: "Replace the file if it exists.")
        var force = false

        func run() async throws {
            try await runReportingFailures {
                let store = try storage.sqliteStoreForBackup(action: "back up")
                do {
                    try await store.backup(to: file, overwrite: force)
                } catch let error as BackupError {
                    throw CommandFailure(error.description)
                }
                print("Backed up the database to \(file).")
            }
        }
    }

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace all content with a backup made by `rehabfaqs backup`.",
            discussion: """
                The backup is checked first; if it is not a RehabFAQs database, nothing changes. Running serve processes show the restored content within a second. For PostgreSQL, use pg_restore (see docs/deployment.md).

                Example:
                  rehabfaqs restore backups/rehabfaqs-2026-11-26.sqlite --database ./rehabfaqs.sqlite
                """
        )

        @OptionGroup var storage: DatabaseOptions

        @Argument(help: ArgumentHelp("The backup file to restore.", valueName: "file"))
        var file: String

        func run() async throws {
            try await runReportingFailures {
                let store = try storage.sqliteStoreForBackup(action: "restore")
                do {
                    try await store.restore(from: file)
                } catch let error as BackupError {
                    throw CommandFailure(error.description)
                }
                print("Restored the database from \(file).")
            }
        }
    }
}

extension DatabaseOptions {
    /// The SQLite store that backup and restore work on; PostgreSQL has its own tools.
    func sqliteStoreForBackup(action: String) throws -> SQLiteContentStore {
        switch try location() {
        case let .sqlite(path):
            if action == "back up", !FileManager.default.fileExists(atPath: path) {
                throw CommandFailure("there is no database at \(path) to back up")
            }
            return try Self.openSQLite(at: path)
        case .postgres:
            throw CommandFailure("to \(action) a PostgreSQL database, use pg_dump and pg_restore; docs/deployment.md shows how")
        }
    }
}
