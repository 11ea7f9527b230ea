import Foundation
import GovWatchCore
import GovWatchFetch
import GovWatchParse
import GovWatchStore

/// One crawl of one probe: fetch → parse → store, committed in one transaction.
///
/// Seeds are the homepage, every column, every unit's guide, catalogue and annual-report
/// listing, and every feed. Listings add their other pages and their entries; with
/// `follow_links` every in-scope page adds its links. A 304 costs no parse: a listing that
/// did not change is replayed from its stored snapshot so the crawl still reaches its pages.
public struct Crawler: Sendable {
    public let probe: Probe
    public let database: AppDatabase

    public init(probe: Probe, database: AppDatabase) {
        self.probe = probe
        self.database = database
    }

    /// Crawls on a thread of its own (the crawl blocks on libcurl and SQLite).
    public func run() async throws -> CrawlSummary {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { [self] in
                continuation.resume(with: Result { try self.runBlocking() })
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Crawls on the calling thread.
    public func runBlocking(shouldStop: @escaping () -> Bool = { false }) throws -> CrawlSummary {
        let runID = try database.beginRun(probeID: probe.id)
        return try database.withCrawlTransaction(runID: runID, probeID: probe.id) { writer in
            var session = CrawlSession(probe: probe, writer: writer)
            let summary = try session.crawl(shouldStop: shouldStop)
            return (summary, summary)
        }
    }
}

/// The state of one crawl in flight.
private struct CrawlSession {
    let probe: Probe
    let writer: CrawlWriter
    let pageParser: PageParser
    let feedParser = FeedParser()
    let resolver: UnitResolver
    let scope: CrawlScope
    var visited = Set<String>()
    var summary = CrawlSummary()
    var storeError: (any Error)?
    /// Columns by URL directory, longest first, to file an article under the column it lives in.
    let columnDirectories: [(directory: String, column: ColumnDefinition)]

    init(probe: Probe, writer: CrawlWriter) {
        self.probe = probe
        self.writer = writer
        pageParser = PageParser(overrides: probe.parse)
        resolver = UnitResolver(units: probe.units)
        scope = CrawlScope(hosts: probe.hosts)
        columnDirectories = probe.columns.map { (String($0.url[...$0.url.lastIndex(of: "/")!]), $0) }
            .sorted { $0.directory.count > $1.directory.count }
    }

    mutating func crawl(shouldStop: @escaping () -> Bool) throws -> CrawlSummary {
        let started = DispatchTime.now().uptimeNanoseconds
        var seeds: [(String, CrawlTarget)] = [(probe.homepage, .homepage)]
        seeds += probe.columns.map { ($0.url, .listing(columnURL: $0.url, page: 0)) }
        for unit in probe.units {
            if let g = unit.guide { seeds.append((g, .guide(unitID: unit.id))) }
            if let c = unit.catalogue { seeds.append((c, .catalogue(unitID: unit.id, page: 0))) }
            if let a = unit.annualReports { seeds.append((a, .annualReports(unitID: unit.id, page: 0))) }
        }
        seeds += probe.feeds.map { ($0.url, .feed($0)) }
        let jobs = try seeds.compactMap { try job($0.0, $0.1) }

        let base = URLParts(probe.base)!
        let fetcher = Fetcher<CrawlTarget>(
            configuration: FetcherConfiguration(
                settings: probe.crawl, scope: scope, addressPolicy: AddressPolicy(baseHost: base.host)))
        fetcher.run(jobs, shouldStop: { shouldStop() }) { response, target in
            guard storeError == nil else { return [] }
            do {
                return try handle(response, target)
            } catch {
                storeError = error
                return []
            }
        }
        if let storeError { throw storeError }
        if shouldStop() { throw CancellationError() }
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return summary
    }

    /// A fetch job for `url`, unless it was already queued or the page budget is spent.
    private mutating func job(_ url: String, _ target: CrawlTarget) throws -> FetchJob<CrawlTarget>? {
        guard visited.count < probe.crawl.maxPages, visited.insert(url).inserted else { return nil }
        return FetchJob(url: url, validators: try writer.validators(for: url), context: target)
    }

    // MARK: Results

    private mutating func handle(_ response: FetchResponse, _ target: CrawlTarget) throws -> [FetchJob<CrawlTarget>] {
        var record = response.record
        summary.bytes += record.bytes
        var next: [FetchJob<CrawlTarget>] = []
        switch record.outcome {
        case .ok:
            summary.fetched += 1
            if let found = try parseAndStore(response, target) {
                summary.parsed += 1
                next = found
            } else {
                record.outcome = .unparseable
                record.error = "not \(target.role == "feed" ? "a readable feed" : "an HTML page")"
                    + (record.contentType.map { " (\($0))" } ?? "")
                try writer.forgetValidators(for: record.url)
            }
        case .notModified:
            summary.unchanged += 1
            next = try replayUnchanged(url: record.url, target)
        default:
            summary.failed += 1
        }
        if record.outcome == .unparseable { summary.failed += 1 }
        try writer.record(record, role: target.role)
        return next
    }

    /// Parses a body and stores what it holds; the follow-up jobs, or nil when unparseable.
    private mutating func parseAndStore(_ response: FetchResponse, _ target: CrawlTarget) throws
        -> [FetchJob<CrawlTarget>]?
    {
        let url = response.record.url
        if case .feed(let feed) = target {
            guard let items = try? feedParser.parse(response.body, format: feed.format, url: url) else { return nil }
            for var item in items {
                item.unitID = resolver.unitID(naming: [item.author], fallback: feed.unitID)
                try count(writer.store(item))
            }
            return []
        }
        guard Self.looksLikeHTML(response), let page = pageParser.parse(response.body, url: url, contentType: response.record.contentType)
        else { return nil }
        switch target {
        case .homepage, .listing, .catalogue, .annualReports:
            try writer.store(page.listing, key: target.listingKey!, page: Self.pageIndex(target))
            return try follow(page.listing, target) + (probe.crawl.followLinks ? links(of: page.publication) : [])
        case .article(let columnURL):
            try store(page.publication, columnURL: columnURL, fallbackUnit: nil)
            return probe.crawl.followLinks ? try links(of: page.publication) : []
        case .guide(let unitID):
            try store(page.publication, columnURL: nil, fallbackUnit: unitID)
            return []
        case .feed:
            return []
        }
    }

    private mutating func store(_ publication: Publication, columnURL: String?, fallbackUnit: String?) throws {
        var p = publication
        let column = columnDirectories.first { p.url.hasPrefix($0.directory) }?.column
            ?? probe.columns.first { $0.url == columnURL }
        p.columnURL = column?.url ?? columnURL
        p.unitID = resolver.unitID(
            naming: [p.info.publisher, p.meta["ContentSource"], p.source],
            fallback: fallbackUnit ?? column?.unitID ?? unitOwningListing(columnURL))
        try count(writer.store(p))
    }

    private mutating func count(_ outcome: StoreOutcome) {
        switch outcome {
        case .new: summary.newPublications += 1
        case .changed: summary.changedPublications += 1
        case .unchanged: break
        }
    }

    private func unitOwningListing(_ url: String?) -> String? {
        guard let url else { return nil }
        return probe.units.first { $0.catalogue == url || $0.annualReports == url }?.id
    }

    /// The listing's other pages and, except for the homepage, its entries.
    private mutating func follow(_ listing: ListingPage, _ target: CrawlTarget) throws -> [FetchJob<CrawlTarget>] {
        var jobs: [FetchJob<CrawlTarget>] = []
        for (n, url) in listing.pageURLs.enumerated() where n < probe.crawl.maxListingPages {
            let pageTarget: CrawlTarget
            switch target {
            case .listing(let column, _): pageTarget = .listing(columnURL: column, page: n)
            case .catalogue(let unit, _): pageTarget = .catalogue(unitID: unit, page: n)
            case .annualReports(let unit, _): pageTarget = .annualReports(unitID: unit, page: n)
            default: continue
            }
            if scope.allows(url), let j = try job(url, pageTarget) { jobs.append(j) }
        }
        let listingURL: String?
        switch target {
        case .listing(let column, _): listingURL = column
        case .catalogue(let unit, _): listingURL = probe.unit(unit)?.catalogue
        case .annualReports(let unit, _): listingURL = probe.unit(unit)?.annualReports
        default: return jobs
        }
        for entry in listing.entries where scope.allows(entry.url) {
            if let j = try job(entry.url, .article(columnURL: listingURL)) { jobs.append(j) }
        }
        return jobs
    }

    private mutating func links(of publication: Publication) throws -> [FetchJob<CrawlTarget>] {
        try publication.links.compactMap { link in
            guard scope.allows(link.url), Self.isPageURL(link.url) else { return nil }
            return try job(link.url, .article(columnURL: nil))
        }
    }

    /// A 304: a listing continues from its stored snapshot; a page is marked seen.
    private mutating func replayUnchanged(url: String, _ target: CrawlTarget) throws -> [FetchJob<CrawlTarget>] {
        switch target {
        case .homepage, .listing, .catalogue, .annualReports:
            guard let stored = try writer.storedListing(url: url) else { return [] }
            return try follow(stored, target)
        case .article, .guide:
            try writer.touchPublication(url: url)
            guard probe.crawl.followLinks, let stored = try writer.storedPublication(url: url) else { return [] }
            return try links(of: stored)
        case .feed:
            return []
        }
    }

    private static func pageIndex(_ target: CrawlTarget) -> Int {
        switch target {
        case .listing(_, let n), .catalogue(_, let n), .annualReports(_, let n): n
        default: 0
        }
    }

    /// Links worth following: pages, not attachments, images or scripts.
    private static func isPageURL(_ url: String) -> Bool {
        guard let ext = FileExtension.of(url) else { return true }
        return pageExtensions.contains(ext)
    }

    private static let pageExtensions: Set<String> = ["html", "htm", "shtml", "jhtml", "jsp", "php", "asp", "aspx"]

    /// False for bodies that are certainly not HTML: a declared non-text type, or binary magic.
    private static func looksLikeHTML(_ response: FetchResponse) -> Bool {
        if let type = response.record.contentType?.lowercased(),
            !(type.contains("html") || type.contains("xml") || type.hasPrefix("text/"))
        {
            return false
        }
        let head = response.body.prefix(8)
        let magic: [[UInt8]] = [Array("%PDF".utf8), [0x89, 0x50, 0x4E, 0x47], [0xFF, 0xD8, 0xFF], Array("GIF8".utf8), [0x50, 0x4B, 0x03, 0x04]]
        return !magic.contains { head.starts(with: $0) }
    }
}
