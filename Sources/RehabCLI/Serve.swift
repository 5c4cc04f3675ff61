import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RehabCore
import RehabServer
import RehabStarter

extension RehabFAQsCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the web site.",
            discussion: """
                An empty database is first filled with the bundled starter articles. Stop with Ctrl-C (SIGINT) or SIGTERM; requests in flight are finished first.

                Example:
                  rehabfaqs serve --port 8080 --database ./rehabfaqs.sqlite
                """
        )

        @OptionGroup var storage: DatabaseOptions
        @OptionGroup var site: SiteOptions

        @Option(help: "The address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "The port to listen on (1-65535; 0 picks a free one).")
        var port = 8080

        @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
        var logLevel = "info"

        @Option(help: "Log format: text (for people) or json (one object per line, for log collectors).")
        var logFormat = "text"

        @Flag(inversion: .prefixedNo, help: "Count and time requests for /metrics (Prometheus). --no-metrics turns it off and /metrics answers 404.")
        var metrics = true

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535.") }
            guard Logger.Level(rawValue: logLevel) != nil else {
                throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical.")
            }
            guard ["text", "json"].contains(logFormat) else { throw ValidationError("--log-format must be text or json.") }
        }

        func run() async throws {
            if logFormat == "json" {
                LoggingSystem.bootstrap { label in JSONLogHandler(label: label) }
            }
            var logger = Logger(label: "rehabfaqs")
            logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
            try await runReportingFailures {
                let location = try storage.location()
                let shownHost = host.contains(":") ? "[\(host)]" : host
                let siteConfiguration = try site.configuration(settingsFolder: location.folder, defaultBaseURL: "http://\(shownHost):\(port)")
                try await storage.withStore(logger: logger) { store in
                    if let seeded = try await StarterContent.seedIfEmpty(store) {
                        logger.info("Filled the empty database with the starter content", metadata: ["import.summary": "\(seeded.line)"])
                    }
                    let app = try await buildApplication(
                        store: store,
                        configuration: ServerConfiguration(host: host, port: port, site: siteConfiguration, metrics: metrics),
                        logger: logger
                    )
                    try await app.runService()
                }
            }
        }
    }
}
