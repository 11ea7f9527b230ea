/// What one crawl did, for the command line and the crawl-run record.
public struct CrawlSummary: Sendable, Hashable, Codable {
    public var runID: Int64 = 0
    /// Responses with a body (2xx).
    public var fetched = 0
    /// 304 answers to conditional GETs.
    public var unchanged = 0
    /// Fetches that ended in an error of any kind.
    public var failed = 0
    /// Pages and feeds parsed into publications or listings.
    public var parsed = 0
    /// Publications stored for the first time.
    public var newPublications = 0
    /// Publications whose content changed since the last crawl.
    public var changedPublications = 0
    /// Body bytes received.
    public var bytes = 0
    public var seconds = 0.0

    public init() {}
}
