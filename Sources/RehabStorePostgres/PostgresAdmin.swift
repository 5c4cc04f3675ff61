package import Logging
import PostgresNIO

/// Creating and dropping whole databases: for tests and the benchmark, which each want a fresh
/// database in a throwaway cluster.
package enum PostgresAdmin {
    /// Creates the database `name` (letters, digits and underscores only) through the server at `server`.
    package static func createDatabase(_ name: String, on server: PostgresLocation, logger: Logger) async throws {
        try await run("CREATE DATABASE \(try identifier(name))", on: server, logger: logger)
    }

    /// Drops the database `name` if it exists, closing its connections first.
    package static func dropDatabase(_ name: String, on server: PostgresLocation, logger: Logger) async throws {
        try await run("DROP DATABASE IF EXISTS \(try identifier(name)) WITH (FORCE)", on: server, logger: logger)
    }

    /// The size on disk of the database `name`, in bytes.
    package static func databaseSize(_ name: String, on server: PostgresLocation, logger: Logger) async throws -> Int {
        try await PostgresContentStore.withStore(server, logger: logger) { store in
            for try await size in try await store.client.query("SELECT pg_database_size(\(name))", logger: logger).decode(Int64.self) {
                return Int(size)
            }
            return 0
        }
    }

    private static func identifier(_ name: String) throws -> String {
        guard !name.isEmpty, name.count < 64, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw PostgresLocationError("'\(name)' is not a database name this tool creates (letters, digits, underscores)")
        }
        return name
    }

    private static func run(_ sql: String, on server: PostgresLocation, logger: Logger) async throws {
        try await PostgresContentStore.withStore(server, logger: logger) { store in
            _ = try await store.client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }
}
