public import ArgumentParser

/// The `rehabfaqs` command: a thin layer that turns arguments into library calls.
public struct RehabFAQsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "rehabfaqs",
        abstract: "Clear, safe answers to rehabilitation questions: the web site and its content tools.",
        discussion: """
            Examples:
              rehabfaqs serve                         # site at http://127.0.0.1:8080 on ./rehabfaqs.sqlite
              rehabfaqs import content/               # import articles, authors, topics and images
              rehabfaqs export backup-content/        # write all content back as files
            """,
        version: "0.1.0",
        subcommands: [Serve.self, Build.self, Import.self, Export.self, Search.self, Triage.self, Lint.self, Report.self, Backup.self, Restore.self]
    )

    public init() {}
}
