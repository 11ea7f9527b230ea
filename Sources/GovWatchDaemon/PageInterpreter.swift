import Foundation
import GovWatchCore
import GovWatchExtract
import GovWatchFetch
import GovWatchParse
import GovWatchStore

/// A fetched body, on its way to a parse thread.
struct ParseJob: Sendable {
    var response: FetchResponse
    var target: CrawlTarget
    /// An attachment's content hash, and its text when those bytes were read before.
    var contentHash: String?
    var extracted: AttachmentText?
}

/// What a fetched body turned into.
enum Interpretation: Sendable {
    /// A listing page (the homepage, a column, a catalogue, a report listing); the homepage
    /// read as a column too when a column's URL is the homepage's.
    case listing(ListingPage, asColumn: ListingPage?)
    /// An article or a guide page, with its owner and column filled in.
    case page(EncodedPublication)
    /// The items of a feed.
    case feed([EncodedPublication])
    /// Not HTML, not a readable feed: why.
    case unparseable(String)
}

/// The parse thread's result for one job.
struct ParseResult: Sendable {
    var job: ParseJob
    var interpretation: Interpretation
    /// The page's links, for crawls that follow links.
    var links: [Link]
    /// An attachment's text read from its bytes in this job, to keep under its content hash.
    var extracted: AttachmentText?
    /// The homepage's links and images, for the link check.
    var checkLinks: [Link] = []
}

/// Turns fetched bodies into publications and listings, deciding each item's unit and column.
///
/// Pure and `Sendable`: it runs on the crawl's parse threads.
struct PageInterpreter: Sendable {
    let probe: Probe
    let pageParser: PageParser
    let feedParser = FeedParser()
    let resolver: UnitResolver
    let extractor: AttachmentExtractor
    /// The latest birth year an ID number can carry: the crawl's year.
    let referenceYear: Int
    /// Columns by URL directory, longest first, to file an article under the column it lives in.
    let columnDirectories: [(directory: String, column: ColumnDefinition)]

    /// - Parameter referenceDay: the crawl's day, for listing dates shown without a year.
    init(probe: Probe, referenceDay: CivilDate, extractor: AttachmentExtractor = AttachmentExtractor()) {
        self.probe = probe
        self.extractor = extractor
        referenceYear = referenceDay.year
        pageParser = PageParser(
            overrides: probe.parse, scope: CrawlScope(hosts: probe.hosts), maxListingPages: probe.crawl.maxListingPages,
            referenceDay: referenceDay)
        resolver = UnitResolver(units: probe.units)
        columnDirectories = probe.columns.map { (String($0.url[...$0.url.lastIndex(of: "/")!]), $0) }
            .sorted { $0.directory.count > $1.directory.count }
    }

    func interpret(_ job: ParseJob) -> ParseResult {
        let url = job.response.record.url
        if case .feed(let feed) = job.target {
            let items: [Publication]
            do {
                items = try feedParser.parse(job.response.body, format: feed.format, url: url)
            } catch {
                // The typed reason (a WeChat errcode, a refused DTD, bad JSON) is the fetch's detail.
                return ParseResult(
                    job: job, interpretation: .unparseable("not a readable \(feed.format.rawValue) feed: \(error)"), links: [])
            }
            var encoded: [EncodedPublication] = []
            for item in items {
                var p = item
                p.unitID = resolver.unitID(naming: [p.author], fallback: feed.unitID)
                Redactor.redact(&p, notAfterYear: referenceYear)
                encoded.append(EncodedPublication(p))
            }
            return ParseResult(job: job, interpretation: .feed(encoded), links: [])
        }
        if case .attachment(let unitID, let page, let name) = job.target {
            return attachment(job, unitID: unitID, page: page, name: name)
        }
        let role: ListingRole?
        let column: String?
        switch job.target {
        case .homepage: (role, column) = (.homepage, nil)
        case .listing(let c, _): (role, column) = (.column, c)
        case .catalogue(let unit, _): (role, column) = (.column, probe.unit(unit)?.catalogue)
        case .annualReports(let unit, _): (role, column) = (.column, probe.unit(unit)?.annualReports)
        case .article(let c): (role, column) = (nil, c)
        case .guide, .feed, .attachment, .linkCheck: (role, column) = (nil, nil)
        }
        let type = job.response.record.contentType
        guard Self.looksLikeHTML(job.response),
            let page = pageParser.parse(job.response.body, url: url, contentType: type, listing: role, column: column)
        else {
            return ParseResult(job: job, interpretation: .unparseable("not an HTML page\(type.map { " (\($0))" } ?? "")"), links: [])
        }
        let links = probe.crawl.followLinks ? page.publication.links : []
        if let listing = page.listing {
            var asColumn: ListingPage?
            if case .homepage = job.target, let c = probe.columns.first(where: { $0.url == url }) {
                asColumn = pageParser.parse(job.response.body, url: url, contentType: type, listing: .column, column: c.url)?.listing
            }
            var result = ParseResult(job: job, interpretation: .listing(listing, asColumn: asColumn), links: links)
            if case .homepage = job.target {
                result.checkLinks = page.publication.links + page.images.map { Link(url: $0, text: "图片") }
            }
            return result
        }
        switch job.target {
        case .homepage, .listing, .catalogue, .annualReports, .feed, .attachment, .linkCheck:
            return ParseResult(job: job, interpretation: .unparseable("not a listing"), links: links)
        case .article(let columnURL):
            return publication(page.publication, job: job, columnURL: columnURL, fallbackUnit: nil, links: links)
        case .guide(let unitID):
            return publication(page.publication, job: job, columnURL: nil, fallbackUnit: unitID, links: links)
        }
    }

    private func publication(
        _ publication: Publication, job: ParseJob, columnURL: String?, fallbackUnit: String?, links: [Link]
    ) -> ParseResult {
        var p = publication
        let column = columnDirectories.first { p.url.hasPrefix($0.directory) }?.column
            ?? probe.columns.first { $0.url == columnURL }
        p.columnURL = column?.url ?? columnURL
        let listingOwner = columnURL.flatMap { url in
            probe.units.first { $0.catalogue == url || $0.annualReports == url }?.id
        }
        p.unitID = resolver.unitID(
            naming: [p.info.publisher, p.meta["ContentSource"], p.source],
            fallback: fallbackUnit ?? column?.unitID ?? listingOwner)
        return encode(p, job: job, links: links)
    }

    /// An attachment as a publication of its page's unit: HTML read as a page, anything else
    /// through the extractor (or from the text kept for the same bytes).
    private func attachment(_ job: ParseJob, unitID: String?, page: String, name: String) -> ParseResult {
        let url = job.response.record.url
        var p: Publication
        var fresh: AttachmentText?
        let type = job.response.record.contentType?.lowercased() ?? ""
        if type.contains("html") || ["htm", "html"].contains(FileExtension.of(url) ?? "") {
            guard Self.looksLikeHTML(job.response),
                let page = pageParser.parse(job.response.body, url: url, contentType: job.response.record.contentType, listing: nil)
            else { return ParseResult(job: job, interpretation: .unparseable("not an HTML attachment"), links: []) }
            p = page.publication
            p.title = name.isEmpty ? p.title : name
        } else {
            let text: AttachmentText
            if let known = job.extracted {
                text = known
            } else {
                var read = extractor.extract(Data(job.response.body), name: Self.fileName(url: url, linkText: name))
                if read.format == AttachmentFormat.text.rawValue, String(validating: job.response.body, as: UTF8.self) == nil,
                    let gbk = LegacyText.gb18030(job.response.body)
                {
                    read.parts = [TextPart(location: "", lines: gbk.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init))]
                }
                var masked = Publication(url: url, parts: read.parts)
                Redactor.redact(&masked, notAfterYear: referenceYear)
                text = AttachmentText(format: read.format, parts: masked.parts ?? [], leaks: masked.leaks, note: read.note)
                fresh = text
            }
            p = Publication(url: url, title: name, parts: text.parts)
            p.leaks = text.leaks
            p.extractionNote = text.note
        }
        p.kind = .attachment
        p.unitID = unitID
        p.attachedTo = page
        var result = encode(p, job: job, links: [])
        result.extracted = fresh
        return result
    }

    /// The name the format is guessed from: the URL's last segment, else the link's text.
    static func fileName(url: String, linkText: String) -> String {
        let last = url.split(separator: "?").first.flatMap { $0.split(separator: "/").last }.map(String.init) ?? ""
        return FileExtension.of(url) != nil ? last : linkText
    }

    /// The publication for the store, its personal numbers masked.
    private func encode(_ publication: Publication, job: ParseJob, links: [Link]) -> ParseResult {
        var p = publication
        Redactor.redact(&p, notAfterYear: referenceYear)
        return ParseResult(job: job, interpretation: .page(EncodedPublication(p)), links: links)
    }

    /// False for bodies that are certainly not HTML: a declared non-text type, or binary magic.
    static func looksLikeHTML(_ response: FetchResponse) -> Bool {
        if let type = response.record.contentType?.lowercased(),
            !(type.contains("html") || type.contains("xml") || type.hasPrefix("text/"))
        {
            return false
        }
        let head = response.body.prefix(8)
        let magic: [[UInt8]] = [
            Array("%PDF".utf8), [0x89, 0x50, 0x4E, 0x47], [0xFF, 0xD8, 0xFF], Array("GIF8".utf8), [0x50, 0x4B, 0x03, 0x04],
        ]
        return !magic.contains { head.starts(with: $0) }
    }
}
