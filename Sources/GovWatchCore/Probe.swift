/// The kind of a government unit (单位) on the evaluation table.
public enum UnitType: String, Sendable, Hashable, Codable, CaseIterable {
    case city, town, street, department
}

/// A unit whose publications are watched and scored.
public struct UnitDefinition: Sendable, Hashable, Codable {
    public var id: String
    /// The short name, e.g. 五岔沟镇.
    public var name: String
    /// The full, normalised name, e.g. 阿尔山市五岔沟镇人民政府.
    public var fullName: String
    /// Other names that appear in 发布机构, ContentSource or 来源.
    public var aliases: [String]
    public var type: UnitType
    /// The unit's 信息公开指南 page (absolute URL).
    public var guide: String?
    /// The unit's 信息公开目录 listing (absolute URL).
    public var catalogue: String?
    /// The listing of the unit's annual reports (absolute URL).
    public var annualReports: String?
    /// Where the unit's rectification notices are mailed (its 政务公开 staff).
    public var emails: [String]

    public init(
        id: String, name: String, fullName: String, aliases: [String] = [], type: UnitType,
        guide: String? = nil, catalogue: String? = nil, annualReports: String? = nil, emails: [String] = []
    ) {
        self.id = id
        self.name = name
        self.fullName = fullName
        self.aliases = aliases
        self.type = type
        self.guide = guide
        self.catalogue = catalogue
        self.annualReports = annualReports
        self.emails = emails
    }

    /// Every name this unit is known by, longest first.
    public var names: [String] {
        ([fullName, name] + aliases).filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }
}

/// What a column publishes; it sets its freshness limit and which rules look at it.
public enum ColumnType: String, Sendable, Hashable, Codable, CaseIterable {
    case news, notice, policy, interpretation, guide, catalogue
    case annualReport = "annual-report"
    case other
}

/// A column (栏目) of the portal: a paginated listing.
public struct ColumnDefinition: Sendable, Hashable, Codable {
    /// The listing's first page, absolute; a URL ending in `/` means its `index.html`.
    public var url: String
    public var name: String
    public var type: ColumnType
    /// The unit that answers for the column.
    public var unitID: String

    public init(url: String, name: String, type: ColumnType, unitID: String) {
        self.url = url
        self.name = name
        self.type = type
        self.unitID = unitID
    }
}

/// The formats of feed exports govwatch reads.
public enum FeedFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case rss, atom, jsonfeed
    case wechatJSON = "wechat-json"
}

/// A WeChat official-account export or another feed.
public struct FeedDefinition: Sendable, Hashable, Codable {
    public var url: String
    public var format: FeedFormat
    /// The account's name as shown to readers.
    public var account: String
    public var unitID: String

    public init(url: String, format: FeedFormat, account: String, unitID: String) {
        self.url = url
        self.format = format
        self.account = account
        self.unitID = unitID
    }
}

/// How hard and how far a probe crawls.
public struct CrawlSettings: Sendable, Hashable, Codable {
    /// Transfers in flight at once.
    public var concurrency: Int
    /// Transfers in flight at once to one host.
    public var perHost: Int
    public var userAgent: String
    public var connectTimeoutSeconds: Double
    public var timeoutSeconds: Double
    /// Largest body accepted, after decompression.
    public var maxBodyBytes: Int
    /// Retries after a 5xx or a timeout.
    public var retries: Int
    /// Largest number of pages fetched in one crawl.
    public var maxPages: Int
    /// Largest number of pages read of one listing.
    public var maxListingPages: Int
    /// Follow every in-scope link of every page, not just listings, feeds and unit pages.
    public var followLinks: Bool
    /// Fetch and read pages' attachments (PDF, Word, Excel, WPS …) for the leak rule.
    public var readAttachments = true
    /// Wall-clock and CPU limit of one attachment's extractor.
    public var attachmentTimeoutSeconds = 20.0
    /// Memory (address space) limit of one attachment's extractor, MB.
    public var attachmentMemoryMB = 256

    public init(
        concurrency: Int = 8, perHost: Int = 8, userAgent: String = "govwatch/0.1 (+政务公开监测)",
        connectTimeoutSeconds: Double = 10, timeoutSeconds: Double = 30, maxBodyBytes: Int = 20 << 20,
        retries: Int = 2, maxPages: Int = 100_000, maxListingPages: Int = 1000, followLinks: Bool = false
    ) {
        self.concurrency = concurrency
        self.perHost = perHost
        self.userAgent = userAgent
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.timeoutSeconds = timeoutSeconds
        self.maxBodyBytes = maxBodyBytes
        self.retries = retries
        self.maxPages = maxPages
        self.maxListingPages = maxListingPages
        self.followLinks = followLinks
    }
}

/// How the daemon samples a probe's homepage for availability, apart from crawls (the
/// national checklist's method: a try that has not loaded in 15 s counts as unavailable).
public struct AvailabilitySettings: Sendable, Hashable, Codable {
    public var enabled = true
    /// Seconds between samples.
    public var everySeconds = 900.0
    /// A sample that has not loaded in this time failed.
    public var timeoutSeconds = 15.0

    public init(enabled: Bool = true, everySeconds: Double = 900, timeoutSeconds: Double = 15) {
        self.enabled = enabled
        self.everySeconds = everySeconds
        self.timeoutSeconds = timeoutSeconds
    }
}

/// Which links a crawl checks (the national checklist's 链接可用性).
public struct LinkCheckSettings: Sendable, Hashable, Codable {
    /// Check the links and images of the homepage and the links of every crawled page.
    public var check = true
    /// Links to other hosts too (through the same address policy).
    public var external = false

    public init(check: Bool = true, external: Bool = false) {
        self.check = check
        self.external = external
    }
}

/// Per-site XPath overrides for pages the structural reading gets wrong; validated when
/// the probe is loaded (a bad XPath is a `file:line` error).
public struct ParseOverrides: Sendable, Hashable, Codable {
    /// The element holding the info table.
    public var infoTable: String?
    /// The element holding the article body.
    public var body: String?
    /// The element whose text is the title.
    public var title: String?
    /// Info fields by their Chinese label (索引号, 发布机构, 成文日期, 发布日期, 文号, 来源): the
    /// element whose text is the value.
    public var fields: [String: String]
    /// The elements of a listing that are its entries.
    public var entry: String?
    /// Relative to an entry: its link (default: its first `a[@href]`).
    public var entryLink: String?
    /// Relative to an entry: the element with its date (default: the entry's text).
    public var entryDate: String?
    /// The element holding the pager; its links and text are read for the other pages.
    public var pager: String?
    /// Overrides for one column's pages (listing and articles), by column URL.
    public var columns: [String: ParseOverrides]

    /// The field labels `fields` accepts.
    public static let fieldLabels = ["索引号", "发布机构", "成文日期", "发布日期", "文号", "来源"]

    public init(
        infoTable: String? = nil, body: String? = nil, title: String? = nil, fields: [String: String] = [:],
        entry: String? = nil, entryLink: String? = nil, entryDate: String? = nil, pager: String? = nil,
        columns: [String: ParseOverrides] = [:]
    ) {
        self.infoTable = infoTable
        self.body = body
        self.title = title
        self.fields = fields
        self.entry = entry
        self.entryLink = entryLink
        self.entryDate = entryDate
        self.pager = pager
        self.columns = columns
    }

    public var isEmpty: Bool { self == ParseOverrides() }

    /// True when reading an article needs the page's tree: an XPath picks its info table,
    /// body, title or a field.
    public var readsArticleTree: Bool { infoTable != nil || body != nil || title != nil || !fields.isEmpty }

    /// Every XPath, with the probe key it came from, for validation.
    public var xpaths: [(key: String, xpath: String)] {
        var out: [(String, String)] = []
        for (key, value) in [
            ("info_table", infoTable), ("body", body), ("title", title), ("entry", entry), ("entry_link", entryLink),
            ("entry_date", entryDate), ("pager", pager),
        ] {
            if let value { out.append((key, value)) }
        }
        out += fields.sorted { $0.key < $1.key }.map { ("fields.\($0.key)", $0.value) }
        for (url, c) in columns.sorted(by: { $0.key < $1.key }) { out += c.xpaths.map { ("columns.\(url).\($0.key)", $0.xpath) } }
        return out
    }

    /// These overrides with a column's own laid over them.
    public func forColumn(_ url: String?) -> ParseOverrides {
        guard let url, let c = columns[url] else { return self }
        return ParseOverrides(
            infoTable: c.infoTable ?? infoTable, body: c.body ?? body, title: c.title ?? title,
            fields: fields.merging(c.fields) { _, column in column }, entry: c.entry ?? entry,
            entryLink: c.entryLink ?? entryLink, entryDate: c.entryDate ?? entryDate, pager: c.pager ?? pager)
    }
}

/// One monitored site: what to crawl, who owns what, how to crawl it.
public struct Probe: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// The site's base URL; relative URLs in the probe file resolve against it.
    public var base: String
    /// Hosts (with port, when not the default) the crawler may fetch.
    public var hosts: [String]
    public var homepage: String
    /// A cron expression (Asia/Shanghai) for the daemon.
    public var schedule: String?
    public var crawl: CrawlSettings
    /// Homepage availability sampling (the daemon only).
    public var availability = AvailabilitySettings()
    /// Link checking during crawls.
    public var links = LinkCheckSettings()
    public var units: [UnitDefinition]
    public var columns: [ColumnDefinition]
    public var feeds: [FeedDefinition]
    public var parse: ParseOverrides
    /// The approval register (审批台账) CSV, absolute path.
    public var approvalRegister: String?
    /// The request register (依申请公开 登记台账), CSV or `.xlsx`, absolute path.
    public var requestRegister: String?
    /// The rules' parameters.
    public var rules: RuleSettings
    /// The file the probe came from, for messages.
    public var sourceFile: String

    public init(
        id: String, name: String, base: String, hosts: [String], homepage: String,
        schedule: String? = nil, crawl: CrawlSettings = CrawlSettings(), units: [UnitDefinition] = [],
        columns: [ColumnDefinition] = [], feeds: [FeedDefinition] = [], parse: ParseOverrides = ParseOverrides(),
        approvalRegister: String? = nil, requestRegister: String? = nil, rules: RuleSettings = RuleSettings(),
        sourceFile: String = ""
    ) {
        self.requestRegister = requestRegister
        self.id = id
        self.name = name
        self.base = base
        self.hosts = hosts
        self.homepage = homepage
        self.schedule = schedule
        self.crawl = crawl
        self.units = units
        self.columns = columns
        self.feeds = feeds
        self.parse = parse
        self.approvalRegister = approvalRegister
        self.rules = rules
        self.sourceFile = sourceFile
    }

    public func unit(_ id: String) -> UnitDefinition? { units.first { $0.id == id } }
}
