import ArgumentParser
import Foundation
import Logging
import RehabCore
import RehabStorePostgres
import RehabStoreSQLite

/// `--database`, shared by every command that reads or writes content.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The database: a file path, sqlite:PATH or postgres://user[:pass]@host[:port]/db[?sslmode=disable|prefer|require] (default ./rehabfaqs.sqlite, or $REHABFAQS_DATABASE).",
        valueName: "url"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp(
        "A file whose first line is the PostgreSQL password (else the URL's, or $REHABFAQS_DATABASE_PASSWORD).",
        valueName: "path"))
    var databasePasswordFile: String?

    /// The value in force: the flag, else the environment, else the default file.
    var resolved: String {
        database ?? ProcessInfo.processInfo.environment["REHABFAQS_DATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? "./rehabfaqs.sqlite"
    }

    /// The database location named by ``resolved``.
    func location() throws -> DatabaseLocation { try DatabaseLocation(resolved) }

    /// Opens and migrates the store, runs `body` with it, and closes it.
    ///
    /// A PostgreSQL store's connection pool runs while `body` does.
    func withStore<Result: Sendable>(logger: Logger = Logger(label: "rehabfaqs"), _ body: (any ContentStore) async throws -> Result) async throws -> Result {
        switch try location() {
        case let .sqlite(path):
            let store = try Self.openSQLite(at: path)
            try await store.migrate()
            return try await body(store)
        case let .postgres(url):
            let location: PostgresLocation
            do {
                location = try PostgresLocation(url: url).withPassword(fromFile: databasePasswordFile)
            } catch {
                throw CommandFailure("--database: \(error.description)")
            }
            return try await PostgresContentStore.withStore(location, logger: logger) { store in
                try await store.migrate()
                return try await body(store)
            }
        }
    }
}

extension DatabaseOptions {
    /// The SQLite store at `path`, or a failure that says which file could not be opened.
    static func openSQLite(at path: String) throws -> SQLiteContentStore {
        do {
            return try SQLiteContentStore(path: path)
        } catch {
            throw CommandFailure("cannot open the SQLite database at \(path): \(error)")
        }
    }
}

/// Where the content lives, parsed from `--database`.
enum DatabaseLocation: Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            self = .postgres(url: trimmed)
        } else if trimmed.hasPrefix("sqlite:") {
            var path = String(trimmed.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw CommandFailure("--database sqlite: needs a file path, such as sqlite:./rehabfaqs.sqlite") }
            self = .sqlite(path: path)
        } else if trimmed.contains("://") {
            throw CommandFailure("--database must be a file path, sqlite:PATH or postgres://user:pass@host:port/db, not '\(trimmed)'")
        } else if trimmed.isEmpty {
            throw CommandFailure("--database is empty; give a file path such as ./rehabfaqs.sqlite")
        } else {
            self = .sqlite(path: trimmed)
        }
    }

    /// The folder that holds the database file, where `rehabfaqs.toml` is looked for.
    var folder: String? {
        guard case let .sqlite(path) = self else { return nil }
        return URL(fileURLWithPath: path).deletingLastPathComponent().path
    }
}

/// A failure already explained in plain words; the command prints it and exits with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
