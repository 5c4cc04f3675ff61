import Foundation
import RehabStorePostgres
import RehabTestSupport
import Testing

@Suite("PostgreSQL URLs and passwords")
struct PostgresLocationTests {
    @Test func aFullURLIsUnderstood() throws {
        let location = try PostgresLocation(url: "postgres://rehab:s%40cret@db.internal:6543/rehabfaqs?sslmode=require")
        #expect(location == PostgresLocation(user: "rehab", password: "s@cret", host: "db.internal", port: 6543, database: "rehabfaqs", tls: .require))
    }

    @Test func defaultsAreTheUsualPortAndPreferredTLS() throws {
        let location = try PostgresLocation(url: "postgresql://rehab@localhost/rehabfaqs")
        #expect(location.port == 5432)
        #expect(location.tls == .prefer)
        #expect(location.password == nil)
    }

    @Test func aUnixSocketFolderCanBeNamed() throws {
        let location = try PostgresLocation(url: "postgres://rehab@localhost/rehabfaqs?host=/var/run/postgresql")
        #expect(location.usesUnixSocket)
        #expect(location.unixSocketPath == "/var/run/postgresql/.s.PGSQL.5432")
    }

    @Test(arguments: [
        ("mysql://rehab@localhost/db", "starts with postgres://"),
        ("postgres://localhost/db", "names no user"),
        ("postgres://rehab@localhost", "names no database"),
        ("postgres://rehab@localhost/db?sslmode=sometimes", "sslmode must be disable, prefer or require"),
        ("postgres://rehab@localhost/db?colour=red", "unknown URL parameter 'colour'"),
        ("postgres://rehab@localhost/db?host=relative", "absolute path"),
    ])
    func mistakesAreNamed(url: String, message: String) {
        #expect { try PostgresLocation(url: url) } throws: { error in
            (error as? PostgresLocationError)?.description.contains(message) == true
        }
    }

    @Test func thePasswordNeverShowsInDescriptions() throws {
        let location = try PostgresLocation(url: "postgres://rehab:hunter2@db.internal/rehabfaqs")
        #expect(!location.description.contains("hunter2"))
        #expect(location.description == "postgres://rehab:***@db.internal:5432/rehabfaqs")
        #expect(PostgresLocation.redacting("postgres://rehab:hunter2@db/x") == "postgres://rehab:***@db/x")
        #expect(PostgresLocation.redacting("postgres://rehab@db/x") == "postgres://rehab@db/x")
    }

    @Test func thePasswordCanComeFromAFileOrTheEnvironment() throws {
        let folder = try ContentFolder()
        let file = try folder.write("password", "from-file\nignored second line\n")
        let bare = try PostgresLocation(url: "postgres://rehab@db/rehabfaqs")
        #expect(try bare.withPassword(fromFile: file, environment: [:]).password == "from-file")
        #expect(try bare.withPassword(fromFile: nil, environment: ["REHABFAQS_DATABASE_PASSWORD": "from-env"]).password == "from-env")
        // A password in the URL wins over the environment; a file named explicitly wins over both.
        let inURL = try PostgresLocation(url: "postgres://rehab:in-url@db/rehabfaqs")
        #expect(try inURL.withPassword(fromFile: nil, environment: ["REHABFAQS_DATABASE_PASSWORD": "from-env"]).password == "in-url")
        #expect(try inURL.withPassword(fromFile: file, environment: [:]).password == "from-file")
        #expect(throws: PostgresLocationError.self) { try bare.withPassword(fromFile: folder.path + "/missing", environment: [:]) }
    }
}
