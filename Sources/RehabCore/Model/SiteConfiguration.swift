/// Settings that shape the site for readers: its name, its public address and its region.
public struct SiteConfiguration: Sendable, Hashable {
    /// Where care cards send readers; the region sets the emergency number and services named.
    public enum Region: String, Sendable, Hashable, CaseIterable {
        case uk
        case us

        /// The number to call in an emergency.
        public var emergencyNumber: String {
            switch self {
            case .uk: "999"
            case .us: "911"
            }
        }
    }

    /// The public address of the site, without a trailing slash, such as `https://rehabfaqs.example`.
    public var baseURL: String
    public var siteName: String
    public var region: Region
    /// How long a clinical review stays current.
    public var reviewIntervalMonths: Int

    public init(baseURL: String = "http://127.0.0.1:8080", siteName: String = "RehabFAQs", region: Region = .uk, reviewIntervalMonths: Int = 12) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.siteName = siteName
        self.region = region
        self.reviewIntervalMonths = reviewIntervalMonths
    }

    /// An absolute URL for a root-relative path such as `/a-z`.
    public func absoluteURL(_ path: String) -> String { baseURL + path }
}
