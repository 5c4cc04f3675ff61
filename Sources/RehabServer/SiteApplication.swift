public import Hummingbird
public import Logging
public import RehabCore
import RehabRender
import RehabSafety
import RehabSearch

/// Where and how the site listens.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var site: SiteConfiguration
    /// How often to look for content changes made by other processes.
    public var watchInterval: Duration
    /// Whether requests are counted and timed for `/metrics` (on unless an operator turns it off).
    public var metrics: Bool

    public init(host: String = "127.0.0.1", port: Int = 8080, site: SiteConfiguration = SiteConfiguration(),
                watchInterval: Duration = .seconds(1), metrics: Bool = true) {
        self.host = host
        self.port = port
        self.site = site
        self.watchInterval = watchInterval
        self.metrics = metrics
    }
}

/// Builds the web application: one composition root for routes, middleware and services.
///
/// - Parameters:
///   - store: A migrated store; the caller seeds it first if it should not be empty.
///   - configuration: Address and site settings.
///   - logger: The logger for requests and background work.
public func buildApplication(store: any ContentStore, configuration: ServerConfiguration, logger: Logger) async throws -> some ApplicationProtocol {
    let renderer = try PageRenderer(configuration: configuration.site, assets: try AssetCatalog())
    let content = ContentService(store: store, synonyms: try SearchResources.synonyms(), logger: logger)
    _ = try await content.snapshot()

    let router = Router()
    router.add(middleware: SecurityHeadersMiddleware())
    if configuration.metrics {
        SiteMetrics.setUp()
        router.add(middleware: MetricsMiddleware())
    }
    router.add(middleware: CanonicalURLMiddleware())
    router.add(middleware: ErrorPageMiddleware(renderer: renderer))
    let care = CareAdvisor(triage: try Triage.bundled(), region: configuration.site.region)
    SiteController(content: content, renderer: renderer, care: care, feeds: SiteFeeds(configuration: configuration.site),
                   servesMetrics: configuration.metrics).addRoutes(to: router)
    SearchController(content: content, renderer: renderer, care: care).addRoutes(to: router)

    let host = configuration.host
    let port = configuration.port
    return Application(
        responder: HeadRequestResponder(inner: router.buildResponder()),
        configuration: .init(address: .hostname(host, port: port), serverName: "RehabFAQs"),
        services: [ContentWatcher(content: content, logger: logger, interval: configuration.watchInterval)],
        onServerRunning: { channel in
            let shownHost = host.contains(":") ? "[\(host)]" : host
            let actualPort = channel.localAddress?.port ?? port
            logger.info("RehabFAQs is serving at http://\(shownHost):\(actualPort)/")
        },
        logger: logger
    )
}
