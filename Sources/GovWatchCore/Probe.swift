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

/// Per-site XPath overrides for pages the default heuristics misread.
public struct ParseOverrides: Sendable, Hashable, Codable {
    /// The element holding the info table.
    public var infoTable: String?
    /// The element holding the article body.
    public var body: String?

    public init(infoTable: String? = nil, body: String? = nil) {
        self.infoTable = infoTable
        self.body = body
    }

    public var isEmpty: Bool { infoTable == nil && body == nil }
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
    public var units: [UnitDefinition]
    public var columns: [ColumnDefinition]
    public var feeds: [FeedDefinition]
    public var parse: ParseOverrides
    /// The approval register (审批台账) CSV, absolute path.
    public var approvalRegister: String?
    /// The rules' parameters.
    public var rules: RuleSettings
    /// The file the probe came from, for messages.
    public var sourceFile: String

    public init(
        id: String, name: String, base: String, hosts: [String], homepage: String,
        schedule: String? = nil, crawl: CrawlSettings = CrawlSettings(), units: [UnitDefinition] = [],
        columns: [ColumnDefinition] = [], feeds: [FeedDefinition] = [], parse: ParseOverrides = ParseOverrides(),
        approvalRegister: String? = nil, rules: RuleSettings = RuleSettings(), sourceFile: String = ""
    ) {
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
