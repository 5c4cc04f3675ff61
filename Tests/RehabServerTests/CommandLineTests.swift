import ArgumentParser
import Foundation
@testable import RehabCLI
import RehabCore
import RehabStoreSQLite
import RehabTestSupport
import Testing

@Suite("The rehabfaqs command line")
struct CommandLineTests {
    @Test(arguments: [
        ("./rehabfaqs.sqlite", DatabaseLocation.sqlite(path: "./rehabfaqs.sqlite")),
        ("sqlite:/srv/rehab.sqlite", .sqlite(path: "/srv/rehab.sqlite")),
        ("sqlite:///srv/rehab.sqlite", .sqlite(path: "/srv/rehab.sqlite")),
        ("postgres://u:p@localhost:5432/rehab", .postgres(url: "postgres://u:p@localhost:5432/rehab")),
    ])
    func databaseValuesAreUnderstood(text: String, location: DatabaseLocation) throws {
        #expect(try DatabaseLocation(text) == location)
    }

    @Test(arguments: ["", "mysql://x", "sqlite:"])
    func unusableDatabaseValuesAreRefused(text: String) {
        #expect(throws: CommandFailure.self) { try DatabaseLocation(text) }
    }

    @Test func aPostgresURLWithoutADatabaseIsRefusedWithAClearMessage() async throws {
        let options = try DatabaseOptions.parse(["--database", "postgres://u@localhost"])
        await #expect { try await options.withStore { _ in } } throws: { error in
            (error as? CommandFailure)?.description == "--database: the URL names no database; write postgres://user@host:5432/DATABASE"
        }
    }

    @Test func aPostgresServerThatIsNotThereIsReportedAsUnavailable() async throws {
        // Nothing listens on port 1 of the loopback address.
        let options = try DatabaseOptions.parse(["--database", "postgres://rehab:secret@127.0.0.1:1/rehab?sslmode=disable"])
        await #expect { try await options.withStore { _ in } } throws: { error in
            guard let error = error as? StoreError else { return false }
            return error.isUnavailable && error.description.contains("127.0.0.1:1/rehab") && !error.description.contains("secret")
        }
    }

    @Test func settingsFileIsReadAndItsMistakesNamed() throws {
        let values = try SettingsFile.parse("# site\nbase_url = \"https://rehab.example\"\nregion = \"us\" # US numbers\nreview_interval_months = 6\n", path: "rehabfaqs.toml")
        #expect(values == ["base_url": "https://rehab.example", "region": "us", "review_interval_months": "6"])
        #expect { try SettingsFile.parse("site_name = \"A\"\ncolour = \"red\"\n", path: "rehabfaqs.toml") } throws: { error in
            (error as? CommandFailure)?.description.hasPrefix("rehabfaqs.toml:2: unknown setting 'colour'") == true
        }
        #expect { try SettingsFile.parse("site_name = \"unclosed\n", path: "r.toml") } throws: { error in
            (error as? CommandFailure)?.description.hasPrefix("r.toml:1:") == true
        }
    }

    @Test func siteSettingsComeFromFlagsAndTheFileBesideTheDatabase() throws {
        let folder = try ContentFolder()
        try folder.write("rehabfaqs.toml", "site_name = \"Rehab Test\"\nregion = \"us\"\n")
        let options = try SiteOptions.parse(["--base-url", "https://rehab.example/"])
        let configuration = try options.configuration(settingsFolder: folder.path, defaultBaseURL: "http://127.0.0.1:8080")
        #expect(configuration == SiteConfiguration(baseURL: "https://rehab.example", siteName: "Rehab Test", region: .us))
        #expect(throws: CommandFailure.self) {
            try SiteOptions.parse(["--region", "mars"]).configuration(settingsFolder: nil, defaultBaseURL: "http://127.0.0.1:8080")
        }
    }

    @Test func servePortIsValidated() {
        #expect(throws: (any Error).self) { try RehabFAQsCommand.parseAsRoot(["serve", "--port", "70000"]) }
        #expect(throws: Never.self) { try RehabFAQsCommand.parseAsRoot(["serve", "--port", "8081", "--host", "0.0.0.0"]) }
    }

    @Test func aFailedImportExitsWithFailureAndWritesNothing() async throws {
        let folder = try ContentFolder()
        try folder.write("content/authors/editorial-team.md", ContentFolder.authorFile)
        try folder.write("content/articles/good.md", ContentFolder.articleFile(slug: "good"))
        try folder.write("content/articles/bad.md", "no front matter here\n")
        let command = try #require(try RehabFAQsCommand.parseAsRoot(["import", "--database", folder.databasePath, folder.path + "/content"]) as? RehabFAQsCommand.Import)
        await #expect(throws: ExitCode.failure) { try await command.run() }
        let store = try SQLiteContentStore(path: folder.databasePath)
        #expect(try await store.exportAll() == ContentBundle())
    }

    @Test func importThenExportWritesTheContentBack() async throws {
        let folder = try ContentFolder()
        try folder.write("content/authors/editorial-team.md", ContentFolder.authorFile)
        try folder.write("content/articles/good.md", ContentFolder.articleFile(slug: "good"))
        let importCommand = try #require(try RehabFAQsCommand.parseAsRoot(["import", "--quiet", "--database", folder.databasePath, folder.path + "/content"]) as? RehabFAQsCommand.Import)
        try await importCommand.run()
        let exportCommand = try #require(try RehabFAQsCommand.parseAsRoot(["export", "--quiet", "--database", folder.databasePath, folder.path + "/out"]) as? RehabFAQsCommand.Export)
        try await exportCommand.run()
        #expect(FileManager.default.fileExists(atPath: folder.path + "/out/articles/good.md"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/out/authors/editorial-team.md"))
    }

    @Test func backupAndRestoreCommandsMakeARoundTrip() async throws {
        let folder = try ContentFolder()
        let store = try SQLiteContentStore(path: folder.databasePath)
        try await store.migrate()
        try await store.apply(.stub([.stub(slug: "before")]))
        let backupFile = folder.path + "/backup.sqlite"
        let backup = try #require(try RehabFAQsCommand.parseAsRoot(["backup", "--database", folder.databasePath, backupFile]) as? RehabFAQsCommand.Backup)
        try await backup.run()
        // A second backup to the same file is refused: a backup is never overwritten by accident.
        await #expect(throws: ExitCode.failure) { try await backup.run() }
        try await store.apply(.stub([.stub(slug: "after")]), prune: true)
        let restore = try #require(try RehabFAQsCommand.parseAsRoot(["restore", "--database", folder.databasePath, backupFile]) as? RehabFAQsCommand.Restore)
        try await restore.run()
        #expect(try await store.articleSummaries().map(\.slug) == ["before"])
    }

    @Test func backupOfAPostgresDatabasePointsToPgDump() throws {
        let options = try DatabaseOptions.parse(["--database", "postgres://u@localhost/db"])
        #expect { try options.sqliteStoreForBackup(action: "back up") } throws: { error in
            (error as? CommandFailure)?.description.contains("pg_dump") == true
        }
    }
}
