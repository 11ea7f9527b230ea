/// One entry of a column listing page: a title, a link and the date shown beside it.
public struct ListingEntry: Sendable, Hashable, Codable {
    public var title: String
    public var url: String
    /// Nil when the listing shows no date (a column index of plain links): the entry is
    /// still fetched, but freshness rules count only dated entries.
    public var date: CivilDate?

    public init(title: String, url: String, date: CivilDate?) {
        self.title = title
        self.url = url
        self.date = date
    }
}

/// A listing's other pages as a rule, never as a list: a URL template and a page count.
///
/// A pager may announce any count (`createPageHTML(1000000, …)`); the parser caps it at the
/// probe's `max_listing_pages`, and the crawl stops at the first page that is missing.
public struct Pager: Sendable, Hashable, Codable {
    /// The URL of a later page with `{n}` where its number goes.
    public var template: String
    /// The number in the URL of the listing's second page: 1 for TRS `index_1.html`, 2 for
    /// `list_2.html` or `?page=2`. Page k (k ≥ 2) has number `k - 2 + second`.
    public var second: Int
    /// Pages believed, the first included.
    public var count: Int

    public init(template: String, second: Int, count: Int) {
        self.template = template
        self.second = second
        self.count = count
    }

    /// The URL of page `k` (2 ≤ k ≤ count).
    public func url(ofPage k: Int) -> String {
        Self.filled(halves, k - 2 + second) ?? template
    }

    /// The URLs of pages 2 … min(count, limit), in order. (A re-crawl asks this of every
    /// listing page it is told is unchanged: the template is split once, not per page.)
    public func urls(limit: Int) -> [String] {
        let last = min(count, limit)
        guard last >= 2 else { return [] }
        let halves = self.halves
        return (2...last).map { k in Self.filled(halves, k - 2 + second) ?? template }
    }

    /// Whether `url` is page 2 … `count` of the template: its number written as `url(ofPage:)`
    /// writes it (no sign, no leading zero).
    public func contains(_ url: String) -> Bool {
        guard let (head, tail) = halves else { return false }
        let bytes = url.utf8
        let (h, t) = (head.utf8.count, tail.utf8.count)
        guard bytes.count > h + t, bytes.starts(with: head.utf8), bytes.reversed().starts(with: tail.utf8.reversed()) else {
            return false
        }
        let digits = bytes.dropFirst(h).dropLast(t)
        guard digits.count <= 9, digits.first != UInt8(ascii: "0") || digits.count == 1,
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return false }
        let k = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } - second + 2
        return count >= 2 && (2...count).contains(k)
    }

    /// The template before and after its first `{n}`; nil when it has none.
    private var halves: (head: Substring, tail: Substring)? {
        let bytes = template.utf8
        var i = bytes.startIndex
        while let brace = bytes[i...].firstIndex(of: UInt8(ascii: "{")) {
            if bytes[brace...].starts(with: "{n}".utf8) {
                return (template[..<brace], template[bytes.index(brace, offsetBy: 3)...])
            }
            i = bytes.index(after: brace)
        }
        return nil
    }

    private static func filled(_ halves: (head: Substring, tail: Substring)?, _ number: Int) -> String? {
        halves.map { String($0.head) + String(number) + String($0.tail) }
    }
}

/// A parsed listing page: its entries and how to reach the listing's other pages.
public struct ListingPage: Sendable, Hashable, Codable {
    public var url: String
    public var entries: [ListingEntry]
    /// The pager read from this page, if it has one.
    public var pager: Pager?
    /// Pager links that fit no template (a 下一页 link to another scheme), at most a few.
    public var pageLinks: [String]
    /// The page's other links, kept only when the crawl follows links: a 304 replays them,
    /// so pages reached only through a listing's navigation are still reached.
    public var links: [String]

    public init(url: String, entries: [ListingEntry], pager: Pager? = nil, pageLinks: [String] = [], links: [String] = []) {
        self.url = url
        self.entries = entries
        self.pager = pager
        self.pageLinks = pageLinks
        self.links = links
    }

    /// The newest entry date, if any entry has one.
    public var newestDate: CivilDate? { entries.compactMap(\.date).max() }

    /// Whether `url` is a page of this listing: this one, a pager link, or a page of the
    /// template. The crawl reads those as listing pages, never as articles.
    public func isPage(_ url: String) -> Bool {
        url == self.url || pageLinks.contains(url) || pager?.contains(url) == true
    }

    /// The listing's later pages in order, at most `limit` pages in all.
    public func pageURLs(limit: Int) -> [String] {
        var out = pager?.urls(limit: limit) ?? []
        for link in pageLinks where !out.contains(link) && link != url && out.count + 1 < limit { out.append(link) }
        return out
    }

    private enum CodingKeys: String, CodingKey {
        case url, entries, pager, pageLinks, links
        case legacyPageURLs = "pageURLs"
    }

    /// Reads snapshots stored before pagers were templates (`pageURLs`, a list that could
    /// hold a million numbers): their first pages become `pageLinks`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        url = try c.decode(String.self, forKey: .url)
        entries = try c.decode([ListingEntry].self, forKey: .entries)
        pager = try c.decodeIfPresent(Pager.self, forKey: .pager)
        pageLinks =
            try c.decodeIfPresent([String].self, forKey: .pageLinks)
            ?? Array((try c.decodeIfPresent([String].self, forKey: .legacyPageURLs) ?? []).prefix(Self.maxPageLinks))
        links = try c.decodeIfPresent([String].self, forKey: .links) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(url, forKey: .url)
        try c.encode(entries, forKey: .entries)
        try c.encodeIfPresent(pager, forKey: .pager)
        try c.encode(pageLinks, forKey: .pageLinks)
        if !links.isEmpty { try c.encode(links, forKey: .links) }
    }

    /// Most pager links kept beside a template.
    public static let maxPageLinks = 20
}
