import Foundation
import GovWatchCore
import GovWatchFetch
import GovWatchParse

/// What govwatch reads from one page or feed: the operator's view when a new site is added
/// (`govwatch inspect`). The JSON keys are stable.
public struct Inspection: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var title: String
        public var url: String
        public var date: String?
    }

    public struct Item: Codable, Sendable, Equatable {
        public var title: String
        public var url: String
        public var published: String?
    }

    public struct Attachment: Codable, Sendable, Equatable {
        public var text: String
        public var url: String
    }

    public var url: String
    /// `article`, `listing` or `feed`.
    public var kind: String
    public var charset: String?
    /// The HTTP status, when the page was fetched.
    public var status: Int?
    public var title: String?
    /// Info-table fields by their Chinese labels: 索引号 发布机构 成文日期 发布日期 文号.
    public var fields: [String: String]
    /// The publication date govwatch uses (labelled, `PubDate`, or the line under the title).
    public var published: String?
    /// The 来源 line.
    public var source: String?
    public var repost: Bool
    public var body_length: Int
    public var attachments: [Attachment]
    public var entries: [Entry]
    /// The listing's later pages as govwatch would fetch them (at most 20 shown).
    public var pages: [String]
    /// Pages the pager announces (capped by `max_listing_pages`).
    public var page_count: Int?
    public var items: [Item]
    /// The probe's `parse:` XPaths that applied.
    public var overrides: [String]
}

/// Reads one page the way the crawl does, from a URL (same fetcher, same scope and address
/// rules) or from a saved file.
public enum Inspector {
    /// How to read the page; `auto` decides from what it holds.
    public enum Mode: String, Sendable, CaseIterable {
        case auto, article, listing, homepage, feed
    }

    public struct InspectError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Fetches `url` once and inspects it; a refusal or a failed fetch is an error with its reason.
    public static func fetch(_ url: String, probe: Probe?, mode: Mode = .auto) throws -> Inspection {
        guard let parts = URLParts(url) else { throw InspectError(description: "not a URL: \(url)") }
        let scope = CrawlScope(hosts: probe?.hosts ?? [parts.hostAndPort])
        let settings = probe?.crawl ?? CrawlSettings()
        let fetcher = Fetcher<Int>(
            configuration: FetcherConfiguration(
                settings: settings, scope: scope,
                addressPolicy: AddressPolicy(baseHost: probe.flatMap { URLParts($0.base)?.host } ?? parts.host)))
        var response: FetchResponse?
        fetcher.run([FetchJob(url: url, context: 0)]) { r, _ in
            response = r
            return []
        }
        guard let response else { throw InspectError(description: "\(url): nothing was fetched") }
        let record = response.record
        guard record.outcome == .ok else {
            throw InspectError(description: "\(url): \(record.outcome.rawValue) \(record.status)\(record.error.map { ": \($0)" } ?? "")")
        }
        var inspection = inspect(response.body, url: record.finalURL, contentType: record.contentType, probe: probe, mode: mode)
        inspection.status = record.status
        return inspection
    }

    /// Inspects bytes already at hand (a saved page: its charset comes from its `<meta>`).
    public static func inspect(_ body: [UInt8], url: String, contentType: String? = nil, probe: Probe?, mode: Mode = .auto)
        -> Inspection
    {
        let feedFormat = mode == .feed || mode == .auto ? feedFormat(of: body) : nil
        if let feedFormat, let items = try? FeedParser().parse(body, format: feedFormat, url: url) {
            return Inspection(
                url: url, kind: "feed", charset: "UTF-8", title: nil, fields: [:], published: nil, source: nil, repost: false,
                body_length: 0, attachments: [], entries: [], pages: [], page_count: nil,
                items: items.map { Inspection.Item(title: $0.title, url: $0.url, published: $0.published?.description) },
                overrides: [])
        }
        let column = probe?.columns.first { $0.url == url }?.url
        let parser = PageParser(
            overrides: probe?.parse ?? ParseOverrides(), scope: probe.map { CrawlScope(hosts: $0.hosts) },
            maxListingPages: probe?.crawl.maxListingPages ?? CrawlSettings().maxListingPages,
            referenceDay: ShanghaiClock.today())
        let isHome = mode == .homepage || (mode == .auto && probe?.homepage == url)
        guard
            let page = parser.parse(
                body, url: url, contentType: contentType, listing: mode == .article ? nil : (isHome ? .homepage : .column),
                column: column)
        else {
            return Inspection(
                url: url, kind: "unparseable", charset: nil, title: nil, fields: [:], published: nil, source: nil,
                repost: false, body_length: 0, attachments: [], entries: [], pages: [], page_count: nil, items: [], overrides: [])
        }
        let p = page.publication
        var fields: [String: String] = [:]
        fields["索引号"] = p.info.indexNumber
        fields["发布机构"] = p.info.publisher
        fields["成文日期"] = p.info.writtenDate?.description
        fields["发布日期"] = p.info.publishedDate?.description
        fields["文号"] = p.info.documentNumber
        let listing = page.listing
        let looksLikeListing =
            (listing?.entries.count ?? 0) >= 2 && !page.hasArticleBody && p.info.indexNumber == nil && p.info.publishedDate == nil
        let kind: String
        switch mode {
        case .article: kind = "article"
        case .listing, .homepage: kind = "listing"
        case .auto, .feed: kind = looksLikeListing || isHome ? "listing" : "article"
        }
        let overrides = probe.map { $0.parse.forColumn(column).xpaths.map(\.key) } ?? []
        return Inspection(
            url: url, kind: kind, charset: page.charset, title: p.title, fields: fields, published: p.published?.description,
            source: p.source, repost: p.isRepost, body_length: p.bodyText.count,
            attachments: p.attachments.map { Inspection.Attachment(text: $0.text, url: $0.url) },
            entries: (listing?.entries ?? []).map { Inspection.Entry(title: $0.title, url: $0.url, date: $0.date?.description) },
            pages: Array((listing?.pageURLs(limit: parser.maxListingPages) ?? []).prefix(20)),
            page_count: listing?.pager?.count, items: [], overrides: overrides)
    }

    /// A feed's format from its first bytes; nil for HTML.
    static func feedFormat(of body: [UInt8]) -> FeedFormat? {
        let head = String(decoding: body.prefix(2048), as: UTF8.self).trimmingWhitespace().lowercased()
        if head.hasPrefix("{") { return head.contains("jsonfeed.org") ? .jsonfeed : .wechatJSON }
        guard head.hasPrefix("<?xml") || head.hasPrefix("<rss") || head.hasPrefix("<feed") else { return nil }
        if head.contains("<rss") { return .rss }
        if head.contains("<feed") { return .atom }
        return nil
    }

    /// The inspection for a terminal.
    public static func text(_ i: Inspection) -> String {
        var lines = ["URL: \(i.url)", "类型 kind: \(i.kind)" + (i.status.map { "  HTTP \($0)" } ?? "") + (i.charset.map { "  编码 \($0)" } ?? "")]
        if let t = i.title { lines.append("标题: \(t)") }
        for label in ["索引号", "发布机构", "成文日期", "发布日期", "文号"] { lines.append("\(label): \(i.fields[label] ?? "（未读到）")") }
        if i.kind != "feed" {
            lines.append("发布日期（采用）: \(i.published ?? "（未读到）")")
            lines.append("来源: \(i.source ?? "（未读到）")" + (i.repost ? "  转载标记: 有" : ""))
            lines.append("正文长度: \(i.body_length) 字")
            for a in i.attachments { lines.append("附件: \(a.text) \(a.url)") }
        }
        if !i.entries.isEmpty || i.kind == "listing" {
            lines.append("列表条目: \(i.entries.count)（有日期 \(i.entries.filter { $0.date != nil }.count)）")
            for e in i.entries { lines.append("  \(e.date ?? "----------")  \(e.title)  \(e.url)") }
            lines.append("分页: \(i.page_count.map { "共\($0)页" } ?? "未发现")")
            for p in i.pages { lines.append("  \(p)") }
        }
        for item in i.items { lines.append("  \(item.published ?? "----------")  \(item.title)  \(item.url)") }
        if !i.overrides.isEmpty { lines.append("parse 覆盖: \(i.overrides.joined(separator: ", "))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The inspection as JSON with sorted keys.
    public static func json(_ i: Inspection) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(i), as: UTF8.self) + "\n"
    }
}
