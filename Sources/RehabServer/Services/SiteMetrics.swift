import Dispatch
import Metrics
import Prometheus
import RehabSearch

/// The site's Prometheus metrics, through swift-metrics.
///
/// Request counts and latencies per route come from Hummingbird's `MetricsMiddleware`; the site
/// adds search latency, page cache hits and misses, and, read at each scrape, the size of the
/// search index and of the page cache.
enum SiteMetrics {
    /// The registry `/metrics` shows. swift-metrics has one factory per process: it is set up once,
    /// the first time a site is built.
    static let registry: PrometheusCollectorRegistry = {
        let factory = PrometheusMetricsFactory()
        MetricsSystem.bootstrap(factory)
        return factory.registry
    }()

    private static let searchTimer = Timer(label: "rehabfaqs_search_duration_seconds", preferredDisplayUnit: .seconds)
    private static let cacheHits = Counter(label: "rehabfaqs_page_cache_total", dimensions: [("result", "hit")])
    private static let cacheMisses = Counter(label: "rehabfaqs_page_cache_total", dimensions: [("result", "miss")])
    private static let indexQuestions = Gauge(label: "rehabfaqs_search_index_questions")
    private static let cachedPages = Gauge(label: "rehabfaqs_page_cache_pages")

    /// Makes sure the factory is in place before any metric is created.
    static func setUp() { _ = registry }

    /// Runs a search and records how long it took.
    static func timedSearch<Result>(_ search: () -> Result) -> Result {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { searchTimer.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start)) }
        return search()
    }

    static func recordPageCache(hit: Bool) {
        (hit ? cacheHits : cacheMisses).increment()
    }

    /// The metrics in Prometheus's text format, with the gauges read from `snapshot` first.
    static func exposition(index: SearchIndex?, cachedPageCount: Int) -> String {
        if let index { indexQuestions.record(index.documentCount) }
        cachedPages.record(cachedPageCount)
        return registry.emitToString()
    }
}
