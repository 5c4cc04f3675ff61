import ArgumentParser
import Foundation
import RehabCore
import RehabStoreSQLite

/// `--database`, shared by every command that reads or writes content.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The database: a file path or sqlite:PATH (default ./rehabfaqs.sqlite, or $REHABFAQS_DATABASE).",
        valueName: "url"))
    var database: String?

    /// The value in force: the flag, else the environment, else the default file.
    var resolved: String {
        database ?? ProcessInfo.processInfo.environment["REHABFAQS_DATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? "./rehabfaqs.sqlite"
    }

    /// The database location named by ``resolved``.
    func location() throws -> DatabaseLocation { try DatabaseLocation(resolved) }

    /// Opens and migrates the store.
    func openStore() async throws -> any ContentStore {
        let location = try location()
        switch location {
        case let .sqlite(path):
            let store: SQLiteContentStore
            do {
                store = try SQLiteContentStore(path: path)
            } catch {
                throw CommandFailure("cannot open the SQLite database at \(path): \(error)")
            }
            try await store.migrate()
            return store
        case .postgres:
            throw CommandFailure("PostgreSQL support is not built yet; use an SQLite file path such as ./rehabfaqs.sqlite")
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
