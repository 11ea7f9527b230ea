import Foundation
import GovWatchCore
import GovWatchExtract
import GovWatchFetch
import GovWatchParse
import GovWatchStore
import Synchronization

/// One crawl of one probe: fetch → parse → store, committed in one transaction.
///
/// Seeds are the homepage, every column, every unit's guide, catalogue and annual-report
/// listing, and every feed. Listings add their other pages and their entries; with
/// `follow_links` every in-scope page adds its links. A 304 costs no parse: a listing that
/// did not change is replayed from its stored snapshot so the crawl still reaches its pages.
public struct Crawler: Sendable {
    public let probe: Probe
    public let database: AppDatabase
    /// The crawl's day: listings that show dates without a year are read against it.
    public let day: CivilDate

    public init(probe: Probe, database: AppDatabase, day: CivilDate = ShanghaiClock.today()) {
        self.probe = probe
        self.database = database
        self.day = day
    }

    /// Crawls on a thread of its own (the crawl blocks on libcurl and SQLite), under the
    /// batch policy like the fetch and parse threads it starts (`BatchScheduling`).
    /// - Parameter stop: when it is raised, the crawl abandons its transfers and throws
    ///   `CancellationError`; nothing of it is stored (the run stays `running`, then `interrupted`).
    public func run(stop: StopFlag = StopFlag()) async throws -> CrawlSummary {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { [self] in
                BatchScheduling.adopt()
                continuation.resume(with: Result { try self.runBlocking(shouldStop: { stop.isRaised }) })
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Crawls on the calling thread.
    public func runBlocking(shouldStop: @escaping () -> Bool = { false }) throws -> CrawlSummary {
        let runID = try database.beginRun(probeID: probe.id)
        return try database.withCrawlTransaction(runID: runID, probeID: probe.id) { writer in
            var session = CrawlSession(probe: probe, writer: writer, day: day)
            let summary = try session.crawl(shouldStop: shouldStop)
            return (summary, summary)
        }
    }
}

/// A flag one task raises and a crawl thread polls.
public final class StopFlag: Sendable {
    private let raised = Mutex(false)

    public init() {}

    public var isRaised: Bool { raised.withLock { $0 } }
    public func raise() { raised.withLock { $0 = true } }
}

/// The state of one crawl in flight, on the crawl thread: it takes what the fetch thread
/// fetched, hands bodies to the parse threads, and stores what comes back, all inside the
/// crawl's transaction. The network has a thread of its own so that a 304 re-crawl, which
/// parses nothing, is not the network and the store taking turns on one thread.
private struct CrawlSession {
    let probe: Probe
    let writer: CrawlWriter
    let interpreter: PageInterpreter
    let scope: CrawlScope
    var visited = Set<String>()
    /// The highest page queued per listing (the first is 0). Later pages are queued a few at
    /// a time as earlier ones arrive, never past `max_listing_pages`, and not after a page
    /// that is missing: a pager that announces more pages than exist stops there.
    var listingQueued: [String: Int] = [:]
    var listingEnded = Set<String>()
    /// Listing pages that answered 304 with no snapshot stored, fetched once more whole.
    var refetched = Set<String>()
    var summary = CrawlSummary()
    var storeError: (any Error)?
    /// Links to check, by URL: where each was first found (a homepage link wins).
    var linkRefs: [String: LinkReference] = [:]
    /// What each URL fetched in this crawl answered: alive, or the error.
    var answers: [String: String?] = [:]

    init(probe: Probe, writer: CrawlWriter, day: CivilDate) {
        self.probe = probe
        self.writer = writer
        let limits = SandboxLimits(
            seconds: probe.crawl.attachmentTimeoutSeconds, cpuSeconds: Int(probe.crawl.attachmentTimeoutSeconds.rounded(.up)),
            memoryBytes: probe.crawl.attachmentMemoryMB << 20)
        interpreter = PageInterpreter(probe: probe, referenceDay: day, extractor: AttachmentExtractor(limits: limits))
        scope = CrawlScope(hosts: probe.hosts)
    }

    /// Parse threads: one per core; the crawl and fetch threads mostly wait on SQLite and the network.
    static let parseThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)

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

        let fetcher = Fetcher<CrawlTarget>(
            configuration: FetcherConfiguration(
                settings: probe.crawl, scope: scope,
                addressPolicy: AddressPolicy(baseHost: URLParts(probe.base)!.host)))
        let waker = fetcher.waker
        let mailbox = CrawlMailbox()
        let interpreter = self.interpreter
        let pool = WorkerPool<ParseJob, ParseResult>(
            threads: Self.parseThreads, work: { interpreter.interpret($0) }, onOutput: { mailbox.parseDidFinish() })
        defer { pool.close() }
        // Up to 8 bodies per transfer slot fetched and not yet stored: with 4, the parse
        // threads ran dry whenever the fetch thread waited for a core (0.1 s of a 2.5 s cold
        // crawl of the 10,000-page portal); 16 gained nothing more.
        FetchThread.start(fetcher, jobs: jobs, mailbox: mailbox, maxPendingWork: 8 * probe.crawl.concurrency)
        while true {
            if shouldStop() {
                mailbox.stop()
                waker.wake()
            }
            let arrived = mailbox.wait()
            var next: [FetchJob<CrawlTarget>] = []
            var finished = 0
            for (response, target) in arrived.responses {
                guard let jobs = take(response, target, parsing: pool) else { continue }
                next += jobs
                finished += 1
            }
            if arrived.parsed {
                let results = pool.drain()
                finished += results.count
                next += absorb(results)
            }
            if !next.isEmpty || finished > 0 {
                mailbox.send(next, finished: finished)
                waker.wake()
            }
            if arrived.fetchEnded { break }
        }
        if let storeError { throw storeError }
        if shouldStop() { throw CancellationError() }
        if probe.links.check {
            checkLinks(shouldStop: shouldStop)
            if let storeError { throw storeError }
            try writer.storeLinkChecks(linkRefs, answers: answers)
        }
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return summary
    }

    /// Remembers what a URL answered (ok and 304 are alive).
    private mutating func noteAnswer(_ record: FetchRecord) {
        let alive = record.outcome == .ok || record.outcome == .notModified || (record.outcome == .unparseable && record.status < 400)
        answers[record.url] = alive ? String?.none : Self.describe(record)
    }

    private static func describe(_ r: FetchRecord) -> String {
        r.status > 0 ? "HTTP \(r.status)" : r.outcome.rawValue + (r.error.map { ": \($0)" } ?? "")
    }

    /// Remembers a page's links for the check after the crawl (the crawl's own fetches answer
    /// for the links it follows).
    private mutating func check(_ links: [Link], on page: String, homepage: Bool) {
        guard probe.links.check else { return }
        for link in links {
            // Most links (the navigation) are on every page: a known one is not parsed again.
            if let known = linkRefs[link.url], known.onHomepage || !homepage { continue }
            guard let parts = URLParts(link.url), parts.scheme == "http" || parts.scheme == "https" else { continue }
            linkRefs[link.url] = LinkReference(foundOn: page, text: link.text, onHomepage: homepage)
        }
    }

    /// After the crawl, one fetch for each referenced link it did not fetch: in scope, and on
    /// other hosts when the probe asks (`links.external`), through the same address policy.
    private mutating func checkLinks(shouldStop: @escaping () -> Bool) {
        let budget = max(0, probe.crawl.maxPages - visited.count)
        let pending = linkRefs.keys.filter { answers[$0] == nil && (scope.allows($0) || probe.links.external) }.sorted()
            .prefix(budget)
        guard !pending.isEmpty else { return }
        let hosts = Set(pending.compactMap { URLParts($0)?.hostAndPort }).union(probe.hosts)
        let configuration = FetcherConfiguration(
            settings: probe.crawl, scope: CrawlScope(hosts: Array(hosts)), addressPolicy: AddressPolicy(baseHost: URLParts(probe.base)!.host))
        // HEAD first; a link that fails it is asked again with GET (servers that refuse HEAD).
        var failedHead: [String] = []
        Fetcher<CrawlTarget>(configuration: configuration).run(
            pending.map { FetchJob(url: $0, context: CrawlTarget.linkCheck, headOnly: true) }, shouldStop: { shouldStop() }
        ) {
            response, target in
            noteAnswer(response.record)
            if case .some(.some) = answers[response.record.url] {
                failedHead.append(response.record.url)
                return []
            }
            return guarded { session in
                try session.writer.record(response.record, role: target.role)
                return []
            }
        }
        guard !failedHead.isEmpty, !shouldStop() else { return }
        Fetcher<CrawlTarget>(configuration: configuration).run(
            failedHead.map { FetchJob(url: $0, context: CrawlTarget.linkCheck) }, shouldStop: { shouldStop() }
        ) {
            response, target in
            noteAnswer(response.record)
            return guarded { session in
                try session.writer.record(response.record, role: target.role)
                return []
            }
        }
    }

    /// Runs a step that writes to the store; the first error stops the crawl's further work.
    private mutating func guarded(_ step: (inout CrawlSession) throws -> [FetchJob<CrawlTarget>]) -> [FetchJob<CrawlTarget>] {
        guard storeError == nil else { return [] }
        do {
            return try step(&self)
        } catch {
            storeError = error
            return []
        }
    }

    /// A fetch job for `url`, unless it was already queued or the page budget is spent.
    private mutating func job(_ url: String, _ target: CrawlTarget) throws -> FetchJob<CrawlTarget>? {
        guard visited.count < probe.crawl.maxPages, visited.insert(url).inserted else { return nil }
        return FetchJob(url: url, validators: try writer.validators(for: url), context: target, ahead: Self.goesAhead(target))
    }

    /// Listing pages go ahead of articles, at the fetcher and at the parse threads: the crawl
    /// reaches a long column's later pages only through its earlier ones, so queued behind
    /// the articles they led to, the column's last pages were most of a crawl's last second.
    private static func goesAhead(_ target: CrawlTarget) -> Bool { target.listingKey != nil }

    // MARK: Results

    /// A finished fetch: a body goes to the parse threads (nil: its jobs come with the
    /// parse); anything else is handled here.
    private mutating func take(
        _ response: FetchResponse, _ target: CrawlTarget, parsing pool: WorkerPool<ParseJob, ParseResult>
    ) -> [FetchJob<CrawlTarget>]? {
        guard storeError == nil else { return [] }
        noteAnswer(response.record)
        guard response.record.outcome == .ok else { return guarded { try $0.handleWithoutBody(response, target) } }
        var job = ParseJob(response: response, target: target)
        if case .attachment = target {
            // Content-addressed: the same bytes are not extracted twice.
            job.contentHash = AttachmentHash.of(response.body)
            do {
                job.extracted = try writer.attachmentText(hash: job.contentHash!)
            } catch {
                storeError = error
                return []
            }
        }
        pool.submit(job, ahead: Self.goesAhead(target))
        return nil
    }

    /// A fetch that brought no body: a 304 replays what is stored; an error is only recorded.
    private mutating func handleWithoutBody(_ response: FetchResponse, _ target: CrawlTarget) throws
        -> [FetchJob<CrawlTarget>]
    {
        let record = response.record
        summary.bytes += record.bytes
        if Self.pageIndex(target) > 0, record.status == 404 || record.status == 410, let key = target.listingKey {
            // A later page the pager announced is not there: the listing ends here; no error.
            listingEnded.insert(key)
            try writer.record(record, role: "listing-end")
            return []
        }
        try writer.record(record, role: target.role)
        guard record.outcome == .notModified else {
            summary.failed += 1
            return []
        }
        summary.unchanged += 1
        return try replayUnchanged(url: record.url, target)
    }

    /// Stores what the parse threads finished; returns the jobs it leads to.
    private mutating func absorb(_ results: [ParseResult]) -> [FetchJob<CrawlTarget>] {
        results.flatMap { result in guarded { try $0.store(result) } }
    }

    private mutating func store(_ result: ParseResult) throws -> [FetchJob<CrawlTarget>] {
        var record = result.job.response.record
        let target = result.job.target
        summary.bytes += record.bytes
        summary.fetched += 1
        var next: [FetchJob<CrawlTarget>] = []
        var followed = result.links
        switch result.interpretation {
        case .unparseable(let reason):
            record.outcome = .unparseable
            record.error = reason
            summary.failed += 1
            try writer.forgetValidators(for: record.url)
        case .feed(let items):
            summary.parsed += 1
            for item in items { try count(writer.store(item)) }
        case .page(let encoded):
            summary.parsed += 1
            try count(writer.store(encoded))
            next = try attachments(of: StoredLinks(encoded.publication))
            if encoded.publication.kind == .page { check(encoded.publication.links, on: encoded.publication.url, homepage: false) }
            if case .attachment = target, let hash = result.job.contentHash {
                if result.job.extracted != nil {
                    summary.attachmentsReused += 1
                } else if let text = result.extracted {
                    summary.attachmentsRead += 1
                    try writer.storeAttachmentText(text, hash: hash)
                }
            }
        case .listing(var listing, let asColumn):
            summary.parsed += 1
            if case .homepage = target { check(result.checkLinks, on: listing.url, homepage: true) }
            // The listing's own pages are read as its pages, a window at a time (`laterPages`):
            // followed as links, its 尾页 would be read as an article, and every page back from it.
            followed = result.links.filter { !listing.isPage($0.url) && asColumn?.isPage($0.url) != true }
            listing.links = Self.replayable(followed, besides: listing)
            try writer.store(listing, key: target.listingKey ?? target.role, page: Self.pageIndex(target))
            next += try follow(listing, target)
            if var asColumn {
                // A column at the homepage's URL: the same page read as that column too.
                asColumn.links = listing.links  // one snapshot per URL: this one is what a 304 replays
                let columnTarget = CrawlTarget.listing(columnURL: asColumn.url, page: 0)
                try writer.store(asColumn, key: asColumn.url, page: 0)
                next += try follow(asColumn, columnTarget)
            }
        }
        try writer.record(record, role: target.role)
        return try next + links(followed)
    }

    private mutating func count(_ outcome: StoreOutcome) {
        switch outcome {
        case .new: summary.newPublications += 1
        case .changed: summary.changedPublications += 1
        case .unchanged: break
        }
    }

    /// The listing's later pages and, except for the homepage, its entries.
    private mutating func follow(_ listing: ListingPage, _ target: CrawlTarget) throws -> [FetchJob<CrawlTarget>] {
        var jobs = try laterPages(of: listing, target)
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

    /// Pages of a listing ahead of the one just read, a crawl's concurrency at a time.
    private mutating func laterPages(of listing: ListingPage, _ target: CrawlTarget) throws -> [FetchJob<CrawlTarget>] {
        guard let key = target.listingKey, !listingEnded.contains(key), Self.pageTarget(target, 1) != nil else { return [] }
        let here = Self.pageIndex(target)
        let limit = probe.crawl.maxListingPages
        // Page k of a pager is page index k - 1; links without a template follow this page.
        let pages: [(index: Int, url: String)] =
            listing.pager != nil
            ? listing.pageURLs(limit: limit).enumerated().map { ($0.offset + 1, $0.element) }
            : listing.pageURLs(limit: limit).enumerated().map { (here + 1 + $0.offset, $0.element) }
        let window = here + max(4, probe.crawl.concurrency)
        var jobs: [FetchJob<CrawlTarget>] = []
        for (index, url) in pages where index > listingQueued[key, default: 0] && index <= window && index < limit {
            guard scope.allows(url), let pageTarget = Self.pageTarget(target, index) else { continue }
            if let j = try job(url, pageTarget) { jobs.append(j) }
            listingQueued[key] = index
        }
        return jobs
    }

    /// The target of page `n` of the listing `target` belongs to.
    private static func pageTarget(_ target: CrawlTarget, _ n: Int) -> CrawlTarget? {
        switch target {
        case .listing(let column, _): .listing(columnURL: column, page: n)
        case .catalogue(let unit, _): .catalogue(unitID: unit, page: n)
        case .annualReports(let unit, _): .annualReports(unitID: unit, page: n)
        default: nil
        }
    }

    /// The page's attachments, read for leaks: links to a readable type (by the URL's
    /// extension, or the link text's, for `download.jsp?id=…` links named `名单.xlsx`), and
    /// HTML pages linked as 附件.
    private mutating func attachments(of p: StoredLinks) throws -> [FetchJob<CrawlTarget>] {
        guard p.kind == .page, probe.crawl.readAttachments else { return [] }
        var seen = Set<String>()
        return try (p.attachments + p.links).compactMap { link in
            guard Self.isAttachment(link), seen.insert(link.url).inserted, scope.allows(link.url) else { return nil }
            return try job(link.url, .attachment(unitID: p.unitID, page: p.url, name: link.text))
        }
    }

    private static func isAttachment(_ link: Link) -> Bool {
        let readable = FileExtension.readableAttachments
        if readable.contains(extensionOf: link.url) { return true }
        if let name = textExtension(link.text), readable.contains(name.trimmingWhitespace()) { return true }
        return link.text.utf8.starts(with: "附件".utf8) && htmlExtensions.contains(extensionOf: link.url)
    }

    private static let htmlExtensions: FileExtensionSet = ["htm", "html"]

    /// What follows the last `.` of a link's text (`名单.xlsx`), nil without one. Searched in
    /// the text's bytes: walking `String.UTF8View` back from the end cost more than the rest
    /// of the link's tests together.
    private static func textExtension(_ text: String) -> Substring? {
        var bytes = text
        guard let dot = bytes.withUTF8({ $0.lastIndex(of: UInt8(ascii: ".")) }) else { return nil }
        return text[text.utf8.index(text.utf8.startIndex, offsetBy: dot + 1)...]
    }

    /// In-scope page links, for crawls that follow links.
    private mutating func links(_ links: [Link]) throws -> [FetchJob<CrawlTarget>] {
        try links.compactMap { link in
            guard !visited.contains(link.url), Self.isPageURL(link.url), scope.allows(link.url) else { return nil }
            return try job(link.url, .article(columnURL: nil))
        }
    }

    /// A 304: a listing continues from its stored snapshot; a page is marked seen.
    private mutating func replayUnchanged(url: String, _ target: CrawlTarget) throws -> [FetchJob<CrawlTarget>] {
        switch target {
        case .homepage, .listing, .catalogue, .annualReports:
            if case .homepage = target, probe.links.check { check(try writer.homepageLinks(), on: url, homepage: true) }
            guard let stored = try writer.storedListing(url: url) else { return try refetchWhole(url, target) }
            // (Snapshots stored before `isPage` kept the template's pages among the links.)
            let others = stored.links.filter { !stored.isPage($0) }
            return try follow(stored, target) + links(others.map { Link(url: $0, text: "") })
        case .article, .guide, .attachment:
            try writer.touchPublication(url: url)
            guard let stored = try writer.storedLinks(url: url) else { return [] }
            if stored.kind == .page { check(stored.links, on: url, homepage: false) }
            return try attachments(of: stored) + (probe.crawl.followLinks ? links(stored.links) : [])
        case .feed, .linkCheck:
            return []
        }
    }

    /// A listing page that answered 304 but has no snapshot to continue from: a database
    /// from before the page was read as a listing, when it was stored as an article. It is
    /// fetched once more without validators, so the listing goes on from a fresh parse.
    private mutating func refetchWhole(_ url: String, _ target: CrawlTarget) throws -> [FetchJob<CrawlTarget>] {
        guard refetched.insert(url).inserted else { return [] }
        try writer.forgetValidators(for: url)
        return [FetchJob(url: url, context: target, ahead: Self.goesAhead(target))]
    }

    private static func pageIndex(_ target: CrawlTarget) -> Int {
        switch target {
        case .listing(_, let n), .catalogue(_, let n), .annualReports(_, let n): n
        default: 0
        }
    }

    /// The links of a listing page worth keeping for a 304 replay: pages that are not its
    /// entries (those are replayed already; its own pages are filtered out before, by
    /// `isPage`); empty unless links are followed.
    private static func replayable(_ links: [Link], besides listing: ListingPage) -> [String] {
        let known = Set(listing.entries.map(\.url))
        var seen = Set<String>()
        return links.map(\.url).filter { isPageURL($0) && !known.contains($0) && seen.insert($0).inserted }
    }

    /// Links worth following: pages, not attachments, images or scripts.
    private static func isPageURL(_ url: String) -> Bool { pageExtensions.contains(extensionOf: url, whenNone: true) }

    private static let pageExtensions: FileExtensionSet = ["html", "htm", "shtml", "jhtml", "jsp", "php", "asp", "aspx"]
}
