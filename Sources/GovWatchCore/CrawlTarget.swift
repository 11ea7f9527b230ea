/// Why a URL is fetched: it decides how the body is parsed and where the result is filed.
public enum CrawlTarget: Sendable, Hashable {
    /// The site's homepage: parsed as a listing, for its freshness.
    case homepage
    /// A page of a column listing; `page` counts from 0.
    case listing(columnURL: String, page: Int)
    /// An item page found in a column listing (or, when following links, anywhere).
    case article(columnURL: String?)
    /// A unit's 信息公开指南 page.
    case guide(unitID: String)
    /// A page of a unit's 信息公开目录 listing.
    case catalogue(unitID: String, page: Int)
    /// A page of a unit's annual-report listing.
    case annualReports(unitID: String, page: Int)
    /// A feed export.
    case feed(FeedDefinition)
    /// A text or HTML attachment of a page, read for the leak rule; it belongs to the page's unit.
    case attachment(unitID: String?)

    /// A short name for logs and records.
    public var role: String {
        switch self {
        case .homepage: "homepage"
        case .listing: "listing"
        case .article: "article"
        case .guide: "guide"
        case .catalogue: "catalogue"
        case .annualReports: "annual-reports"
        case .feed: "feed"
        case .attachment: "attachment"
        }
    }

    /// The key under which a listing snapshot is filed, for listing-like targets.
    public var listingKey: String? {
        switch self {
        case .homepage: "homepage"
        case .listing(let url, _): url
        case .catalogue(let unit, _): "catalogue:\(unit)"
        case .annualReports(let unit, _): "annual-reports:\(unit)"
        case .article, .guide, .feed, .attachment: nil
        }
    }
}
