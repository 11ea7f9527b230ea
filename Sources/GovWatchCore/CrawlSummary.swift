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
    /// Attachments whose text was extracted in this crawl.
    public var attachmentsRead = 0
    /// Attachments fetched again with the same bytes: their stored text was used, not re-extracted.
    public var attachmentsReused = 0
    /// Body bytes received.
    public var bytes = 0
    public var seconds = 0.0

    public init() {}

    /// Reads summaries stored by earlier releases too, which lack the newer counts.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func int(_ key: CodingKeys) throws -> Int { try c.decodeIfPresent(Int.self, forKey: key) ?? 0 }
        runID = try c.decodeIfPresent(Int64.self, forKey: .runID) ?? 0
        fetched = try int(.fetched)
        unchanged = try int(.unchanged)
        failed = try int(.failed)
        parsed = try int(.parsed)
        newPublications = try int(.newPublications)
        changedPublications = try int(.changedPublications)
        attachmentsRead = try int(.attachmentsRead)
        attachmentsReused = try int(.attachmentsReused)
        bytes = try int(.bytes)
        seconds = try c.decodeIfPresent(Double.self, forKey: .seconds) ?? 0
    }
}
