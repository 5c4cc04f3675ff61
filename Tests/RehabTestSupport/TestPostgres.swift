import Foundation
#if canImport(Glibc)
import Glibc
#endif
public import Logging
public import RehabStorePostgres

/// The throwaway PostgreSQL cluster that `make test` starts (scripts/with-postgres.sh), and fresh databases in it.
///
/// A PostgreSQL test never skips: without the cluster it fails and says how to run it.
public enum TestPostgres {
    public struct NotConfigured: Error, CustomStringConvertible {
        public var description: String {
            "REHABFAQS_TEST_POSTGRES_URL is not set. Run the tests with `make test`, which starts a throwaway PostgreSQL cluster (scripts/with-postgres.sh); PostgreSQL tests never skip."
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

/// A PostgreSQL cluster of a test's own, for tests that stop and start the server (outages):
/// made with scripts/pg-cluster.sh, on a random loopback port, removed by ``destroy()``.
public final class TestCluster: Sendable {
    public let folder: String
    public let port: Int

    /// The cluster's `postgres` database.
    public var location: PostgresLocation {
        PostgresLocation(user: "postgres", host: "127.0.0.1", port: port, database: "postgres", tls: .disable)
    }

    private static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/pg-cluster.sh").path
    }

    /// Creates and starts a new cluster.
    public init() async throws {
        // The suite's own cluster proves that PostgreSQL can run here; without it, say how to run the tests.
        _ = try TestPostgres.server()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("rehabfaqs-pg-\(UUID().uuidString.prefix(8))").path
        port = Int.random(in: 40_000...59_999)
        try await Self.run(["create", folder, "\(port)"])
    }

    /// Stops the server (fast shutdown: connections are cut, as in a crash or restart).
    public func stop() async throws { try await Self.run(["stop", folder]) }

    /// Starts the server again on the same port and files.
    public func start() async throws { try await Self.run(["start", folder]) }

    /// Stops the server and removes its files.
    public func destroy() { try? Self.runAndWait(["destroy", folder]) }

    public struct ScriptFailed: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs the script and waits for it with posix_spawn and waitpid: Foundation's `Process` never
    /// sees it exit, because the server it starts lives on (swift-corelibs-foundation waits for it too).
    private static func run(_ arguments: [String]) async throws {
        // initdb and pg_ctl take seconds: wait on a thread of its own, not on one of the few that run tasks.
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread.detachNewThread {
                continuation.resume(with: Result { try runAndWait(arguments) })
            }
        }
    }

    private static func runAndWait(_ arguments: [String]) throws {
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("rehabfaqs-pg-script-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: errorFile) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = (["/bin/bash", script] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, argv, environ)
        guard spawned == 0 else { throw ScriptFailed(description: "cannot run scripts/pg-cluster.sh: error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitStatus = (status >> 8) & 0xFF
        guard status & 0x7F == 0, exitStatus == 0 else {
            let message = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
            throw ScriptFailed(description: "scripts/pg-cluster.sh \(arguments.joined(separator: " ")) failed: \(message)")
        }
    }
}

/// Runs `body` while the stores' connection pools run, and stops the pools after.
public func withRunningStores<Result: Sendable>(_ stores: [PostgresContentStore], _ body: () async throws -> Result) async throws -> Result {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for store in stores { group.addTask { await store.run() } }
        defer { group.cancelAll() }
        return try await body()
    }
}
