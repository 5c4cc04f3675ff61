import Foundation
public import Logging
public import RehabStorePostgres

/// The throwaway PostgreSQL cluster that `make test` starts (scripts/test.sh), and fresh databases in it.
///
/// A PostgreSQL test never skips: without the cluster it fails and says how to run it.
public enum TestPostgres {
    public struct NotConfigured: Error, CustomStringConvertible {
        public var description: String {
            "REHABFAQS_TEST_POSTGRES_URL is not set. Run the tests with `make test`, which starts a throwaway PostgreSQL cluster (scripts/test.sh); PostgreSQL tests never skip."
        }
    }

    /// The cluster's admin database.
    public static func server() throws -> PostgresLocation {
        guard let url = ProcessInfo.processInfo.environment["REHABFAQS_TEST_POSTGRES_URL"], !url.isEmpty else { throw NotConfigured() }
        return try PostgresLocation(url: url)
    }

    /// A new, empty database in the test cluster.
    public static func makeDatabase() async throws -> PostgresLocation {
        let server = try server()
        let name = "rehabfaqs_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await PostgresAdmin.createDatabase(name, on: server, logger: quietLogger)
        var location = server
        location.database = name
        return location
    }

    /// A logger that prints only errors, for stores in tests.
    public static var quietLogger: Logger {
        var logger = Logger(label: "rehabfaqs-test")
        logger.logLevel = .error
        return logger
    }
}
