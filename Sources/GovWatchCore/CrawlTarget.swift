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
    /// An attachment of a page (a document, a workbook, a PDF, an archive …), read for the
    /// leak rule; it belongs to the page's unit. `name` is its link's text.
    case attachment(unitID: String?, page: String, name: String)
    /// A link of a page the crawl does not otherwise fetch: only whether it answers.
    case linkCheck

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
        case .linkCheck: "link-check"
        }
    }

    /// The key under which a listing snapshot is filed, for listing-like targets.
    public var listingKey: String? {
        switch self {
        case .homepage: ListingKey.homepage
        case .listing(let url, _): ListingKey.column(url)
        case .catalogue(let unit, _): ListingKey.catalogue(unit)
        case .annualReports(let unit, _): ListingKey.annualReports(unit)
        case .article, .guide, .feed, .attachment, .linkCheck: nil
        }
    }
}

/// The keys listing snapshots are filed under, in the store and in `ProbeWorld.listings`:
/// the crawler writes them and the rules read them through these, never by hand.
public enum ListingKey {
    public static let homepage = "homepage"
    public static func column(_ url: String) -> String { url }
    public static func catalogue(_ unitID: String) -> String { "catalogue:\(unitID)" }
    public static func annualReports(_ unitID: String) -> String { "annual-reports:\(unitID)" }
}
