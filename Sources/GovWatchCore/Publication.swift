/// A link found on a page, made absolute.
public struct Link: Sendable, Hashable, Codable {
    public var url: String
    public var text: String

    public init(url: String, text: String) {
        self.url = url
        self.text = text
    }
}

/// The disclosure info table (信息公开 属性表) of a page, whatever its markup.
public struct DisclosureInfo: Sendable, Hashable, Codable {
    /// 索引号 / 信息索引号.
    public var indexNumber: String?
    /// 发布机构.
    public var publisher: String?
    /// 成文日期 / 生成日期.
    public var writtenDate: CivilDate?
    /// 发布日期 / 公开日期.
    public var publishedDate: CivilDate?
    /// 文号 / 文件编号 / 发文字号.
    public var documentNumber: String?
    /// 主题分类.
    public var topic: String?
    /// 有效性 / 效力状况.
    public var validity: String?

    public init(
        indexNumber: String? = nil, publisher: String? = nil, writtenDate: CivilDate? = nil,
        publishedDate: CivilDate? = nil, documentNumber: String? = nil, topic: String? = nil,
        validity: String? = nil
    ) {
        self.indexNumber = indexNumber
        self.publisher = publisher
        self.writtenDate = writtenDate
        self.publishedDate = publishedDate
        self.documentNumber = documentNumber
        self.topic = topic
        self.validity = validity
    }

    /// True when the page carried no info table at all.
    public var isEmpty: Bool { self == DisclosureInfo() }
}

/// Where a publication came from.
public enum PublicationKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A portal page.
    case page
    /// An item of a WeChat or feed export.
    case feedItem = "feed-item"
    /// An attachment of a page (附件: a document, a workbook, a PDF …), its text kept for the leak rule.
    case attachment
}

/// One published item — a portal article or a feed item — as the parsers see it.
///
/// Parsers fill what the bytes say; the pipeline adds where it was found
/// (`unitID`, `columnURL`, `feedURL`).
public struct Publication: Sendable, Hashable, Codable {
    public var url: String
    public var kind: PublicationKind
    public var title: String
    /// The 政府网站发展指引 meta tags, by their name as written (`ArticleTitle`, `PubDate` …).
    public var meta: [String: String]
    public var info: DisclosureInfo
    /// The publication day: the info table's 发布日期, else `PubDate`, else the `发布时间` line, else the feed's date.
    public var published: CivilDate?
    /// Minutes after midnight of `published`, when known.
    public var publishedMinute: Int?
    /// The `来源：` line, else `ContentSource`.
    public var source: String?
    /// A feed item's original-article URL (WeChat `content_source_url`).
    public var sourceURL: String?
    public var author: String?
    /// The page says it is a repost (转载 / 转自), or the feed marks it as shared.
    public var isRepost: Bool
    public var bodyText: String
    public var links: [Link]
    public var attachments: [Link]
    /// The owning unit's id, set by the pipeline.
    public var unitID: String?
    /// The column the item was listed in, set by the pipeline.
    public var columnURL: String?
    /// The feed the item came from, set by the pipeline.
    public var feedURL: String?
    /// An attachment's text by where it sits (page, sheet, table); nil for pages and feed items.
    public var parts: [TextPart]?
    /// The page an attachment is linked from.
    public var attachedTo: String?
    /// Why an attachment's text could not be read, or not all of it (`扫描件，未能检查`).
    public var extractionNote: String?
    /// Personal numbers found when the item was read, masked; the stored text holds them
    /// masked too. Nil when there are none (the stored form of a clean page does not change).
    public var leaks: [LeakHit]?

    public init(
        url: String, kind: PublicationKind = .page, title: String = "", meta: [String: String] = [:],
        info: DisclosureInfo = DisclosureInfo(), published: CivilDate? = nil, publishedMinute: Int? = nil,
        source: String? = nil, sourceURL: String? = nil, author: String? = nil, isRepost: Bool = false,
        bodyText: String = "", links: [Link] = [], attachments: [Link] = [], unitID: String? = nil,
        columnURL: String? = nil, feedURL: String? = nil, parts: [TextPart]? = nil
    ) {
        self.url = url
        self.kind = kind
        self.title = title
        self.meta = meta
        self.info = info
        self.published = published
        self.publishedMinute = publishedMinute
        self.source = source
        self.sourceURL = sourceURL
        self.author = author
        self.isRepost = isRepost
        self.bodyText = bodyText
        self.links = links
        self.attachments = attachments
        self.unitID = unitID
        self.columnURL = columnURL
        self.feedURL = feedURL
        self.parts = parts
    }
}

/// A piece of an attachment's text and where it sits: a PDF page, a sheet, a table of a document.
public struct TextPart: Sendable, Hashable, Codable {
    /// Where, as a reader names it: `第2页`, `工作表「名单」`, `表格1`, `正文`.
    public var location: String
    /// The lines of text; in a table, one line per row with its cells separated by tabs.
    public var lines: [String]
    /// True when `lines` are table rows (a sheet, a table of a document).
    public var isTable: Bool

    public init(location: String, lines: [String], isTable: Bool = false) {
        self.location = location
        self.lines = lines
        self.isTable = isTable
    }

    /// The cells of a table row.
    public static func cells(_ line: String) -> [String] {
        line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
}
