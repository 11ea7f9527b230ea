import CLibXML2
import Foundation
import GovWatchCore

/// How a listing page is read: the homepage counts every dated list on it; a column,
/// catalogue or report listing is its main list.
public enum ListingRole: Sendable, Hashable {
    case homepage, column
}

/// Finds a page's listing entries by structure, whatever markup the CMS writes.
///
/// An entry is a **record**: a child element that holds a link, with the siblings after it
/// that hold none (where the date often is). Records are found under every element, so the
/// same mechanism reads `<ul><li><a/><span>date</span></li>`, table rows under a `<th>` header,
/// `<dl><dt><a/></dt><dd>date</dd></dl>` blocks, alternating `<dd><a/></dd><dd>date</dd>`,
/// `div`/`p` rows, flat `<a/> date<br>` runs and tables nested in tables. A **group** is the
/// records of one parent with the same tag, two or more, each with at most three links to
/// pages in scope. Groups in navigation, headers, footers, breadcrumbs and 友情链接 are
/// dropped, pager links are not entries, and a group inside the records of another is part
/// of that one.
///
/// The homepage keeps the dated records of every dated group. A column keeps its main group
/// (titles long, dates beside them) and the sibling lists of the same shape; a group where
/// most records are dated keeps only the dated ones, an undated one (a column index of plain
/// links) keeps them all, for the crawl to fetch.
struct ListingFinder {
    var base: URLParts
    var pageURL: String
    var scope: CrawlScope
    var role: ListingRole
    /// The crawl's day, to place dates written without a year (`11-18`).
    var referenceDay: CivilDate?

    /// The entries of the page rooted at `root`.
    func entries(root: UnsafeMutablePointer<xmlNode>) -> [ListingEntry] {
        var groups: [Group] = []
        var stack = [Frame(node: root, tag: 0, link: nil, excluded: false)]
        var next = root.pointee.children
        while true {
            if let node = next {
                next = node.pointee.next
                switch node.pointee.type {
                case XML_ELEMENT_NODE:
                    let tag = TagName(node.pointee.name)
                    if tag.isSkipped { continue }
                    let link = tag == .a ? PageWalker.attribute(node, "href").map { Link(href: $0, title: PageWalker.attribute(node, "title")) } : nil
                    stack.append(Frame(node: node, tag: tag.key, link: link, excluded: stack[stack.count - 1].excluded || Self.isExcluded(node, tag)))
                    next = node.pointee.children
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let c = node.pointee.content { stack[stack.count - 1].append(text: c) }
                default:
                    break
                }
                continue
            }
            guard stack.count > 1 else { break }
            let frame = stack.removeLast()
            let summary = finish(frame, into: &groups)
            stack[stack.count - 1].attach(summary, tag: frame.tag)
            next = frame.node.pointee.next
        }
        _ = finish(stack[0], into: &groups)
        return select(groups)
    }

    // MARK: Walk

    private struct Link {
        var href: String
        /// Its text, white space folded; set when the `<a>` ends (`finished(text:)`).
        private(set) var text = ""
        var title: String?
        /// The title's length in scalars (a CJK title's characters), to pick a record's best
        /// link: kept, as every ancestor of the link compares it again.
        private(set) var titleLength = 0

        init(href: String, title: String?) {
            self.href = href
            self.title = title
        }

        var titleText: String {
            if let t = title?.trimmingWhitespace(), !t.isEmpty { return t }
            return text
        }

        /// The link with its text, once its element has ended.
        func finished(text: String) -> Link {
            var link = self
            link.text = text
            link.titleLength = link.titleText.unicodeScalars.count
            return link
        }
    }

    /// What a finished element holds, as its parent sees it.
    private struct Summary {
        var links = 0
        var best: Link?
        /// Text outside links, capped.
        var text = ""
        /// Groups formed inside it.
        var groups: [Int] = []
    }

    private struct Record {
        var tag: UInt64
        var links: Int
        var best: Link?
        var text: String
        var groups: [Int]
    }

    private struct Frame {
        var node: UnsafeMutablePointer<xmlNode>
        var tag: UInt64
        var link: Link?
        var excluded: Bool
        var summary = Summary()
        var records: [Record] = []

        init(node: UnsafeMutablePointer<xmlNode>, tag: UInt64, link: Link?, excluded: Bool) {
            self.node = node
            self.tag = tag
            self.link = link
            self.excluded = excluded
        }

        static let textCap = 240

        mutating func append(text raw: UnsafePointer<xmlChar>) {
            guard summary.text.utf8.count < Self.textCap else { return }
            let s = String(cString: raw)
            summary.text += s
            if !records.isEmpty, records[records.count - 1].text.utf8.count < Self.textCap {
                records[records.count - 1].text += s
            }
        }

        /// A finished child: its links and text count for this element, and it starts a
        /// record (it holds a link) or joins the open one.
        mutating func attach(_ child: Summary, tag: UInt64) {
            summary.links += child.links
            if let b = child.best, b.titleLength > (summary.best?.titleLength ?? -1) { summary.best = b }
            if summary.text.utf8.count < Self.textCap { summary.text += " " + child.text }
            summary.groups += child.groups
            if child.links > 0 {
                records.append(Record(tag: tag, links: child.links, best: child.best, text: child.text, groups: child.groups))
            } else if !records.isEmpty, records[records.count - 1].text.utf8.count < Self.textCap {
                records[records.count - 1].text += " " + child.text
            }
        }
    }

    /// A candidate list: the records of one parent.
    private struct Group {
        var parent: UnsafeMutablePointer<xmlNode>
        var tag: UInt64
        var entries: [ListingEntry]
        var dated: Bool
        var score: Int
        var dropped: Bool
    }

    /// The element's summary; forms a group from its records when they make one.
    private func finish(_ frame: Frame, into groups: inout [Group]) -> Summary {
        var summary = frame.summary
        if let open = frame.link {
            let link = open.finished(text: summary.text.collapsingWhitespace())
            summary.links += 1
            if link.titleLength > (summary.best?.titleLength ?? -1) { summary.best = link }
            summary.text = ""
        }
        guard !frame.records.isEmpty, let (group, used) = group(frame) else { return summary }
        if !group.dropped {
            // Lists inside the records that became entries are part of this list.
            for r in used { for g in r.groups { groups[g].dropped = true } }
        }
        summary.groups.append(groups.count)
        groups.append(group)
        return summary
    }

    private func group(_ frame: Frame) -> (Group, used: [Record])? {
        var counts: [UInt64: Int] = [:]
        for r in frame.records { counts[r.tag, default: 0] += 1 }
        guard let tag = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })?.key
        else { return nil }
        // One record makes a group only as a list item with a date (a listing's last page, a
        // unit's only annual report); any other lone link is just a link.
        let lone = counts[tag]! == 1
        let records = frame.records.filter { $0.tag == tag && $0.links <= (lone ? 1 : 3) && $0.best != nil }
        if lone && !TagName.listItems.contains(tag) { return nil }
        // A pager (`1 2 3 下一页 尾页`) is not a list of entries.
        let pagerLike = records.filter { Self.pagerWords.contains($0.best!.text) || Self.isNumber($0.best!.text) }.count
        if pagerLike * 2 > records.count { return nil }
        var entries: [ListingEntry] = []
        var used: [Record] = []
        var seen = Set<String>()
        for r in records {
            guard let link = r.best, !Self.pagerWords.contains(link.text), let url = resolve(link.href),
                seen.insert(url).inserted
            else { continue }
            used.append(r)
            let date =
                DateScanner.latestDate(in: r.text) ?? DateScanner.latestDate(in: link.text)
                ?? referenceDay.flatMap { DateScanner.monthDay(in: r.text, before: $0) }
            entries.append(ListingEntry(title: link.titleText.collapsingWhitespace(), url: url, date: date))
        }
        guard entries.count >= 2 || (lone && entries.first?.date != nil) else { return nil }
        let datedCount = entries.filter { $0.date != nil }.count
        let dated = datedCount > 0 && datedCount * 2 >= entries.count
        let crumbs = Self.breadcrumbWords.contains { frame.summary.text.utf8.containsBytes($0) }
        let score = entries.reduce(0) { $0 + min($1.title.count, 30) + ($1.date == nil ? 0 : 15) }
        let group = Group(
            parent: frame.node, tag: tag, entries: dated ? entries.filter { $0.date != nil } : entries, dated: dated,
            score: score, dropped: frame.excluded || crumbs)
        return (group, used)
    }

    /// The homepage: every dated group. A column: the main group and its sibling lists; a
    /// lone dated item only when the page has no list of two or more.
    private func select(_ groups: [Group]) -> [ListingEntry] {
        let all = groups.filter { !$0.dropped }
        let lists = all.filter { $0.entries.count >= 2 }
        let live = role == .column && !lists.isEmpty ? lists : all
        let chosen: [Group]
        switch role {
        case .homepage:
            chosen = live.filter(\.dated)
        case .column:
            guard let main = live.max(by: { $0.score < $1.score }) else { return [] }
            let family = main.parent.pointee.parent
            chosen = live.filter { g in
                g.parent == main.parent
                    || (g.tag == main.tag && g.dated == main.dated && family != nil && g.parent.pointee.parent == family)
            }
        }
        var seen = Set<String>()
        return chosen.flatMap(\.entries).filter { seen.insert($0.url).inserted }
    }

    // MARK: Helpers

    /// An absolute URL in scope that is neither this page nor the site's root.
    private func resolve(_ href: String) -> String? {
        guard let url = URLResolver.resolve(href, against: base), url != pageURL, scope.allows(url), let parts = URLParts(url)
        else { return nil }
        return parts.rest == "/" || parts.rest.isEmpty ? nil : url
    }

    private static let pagerWords = ShortWords(["首页", "上一页", "下一页", "上页", "下页", "尾页", "末页", "前页", "后页", "更多", "更多>>", ">>", "<<", "»", "«"])

    private static func isNumber(_ t: String) -> Bool {
        !t.isEmpty && t.utf8.count <= 4 && t.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private static let breadcrumbWords = ["当前位置", "您的位置", "你的位置", "您现在的位置", "你现在的位置", "所在位置"].map {
        Array($0.utf8)
    }

    /// Navigation, headers, footers, breadcrumbs, 友情链接: by tag, or by id and class words.
    private static func isExcluded(_ node: UnsafeMutablePointer<xmlNode>, _ tag: TagName) -> Bool {
        if tag == .nav || tag == .header || tag == .footer { return true }
        guard node.pointee.properties != nil else { return false }
        for name in ["id", "class"] as [StaticString] {
            guard let value = PageWalker.attributeValue(node, name), value.pointee != 0 else { continue }
            let length = strlen(UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self))
            let lowered = UnsafeBufferPointer(start: value, count: length).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            if excludedWords.contains(where: lowered.containsBytes) { return true }
        }
        return false
    }

    private static let excludedWords = [
        "nav", "menu", "header", "footer", "foot", "bottom", "crumb", "location", "position", "dqwz", "yqlj",
        "friend", "copyright", "banner",
    ].map { Array($0.utf8) }
}

/// Tag names the listing finder tells apart, packed into an integer like the walker's.
private struct TagName: Equatable {
    var key: UInt64

    init(_ name: UnsafePointer<xmlChar>?) {
        var k: UInt64 = 0
        var i = 0
        while let name, i < 8, name[i] != 0 {
            k = k << 8 | UInt64(name[i])
            i += 1
        }
        key = (name.map { $0[i] != 0 } ?? false) ? 0 : k
    }

    private init(literal s: StaticString) {
        key = s.withUTF8Buffer { $0.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
    }

    static let a = TagName(literal: "a")
    static let nav = TagName(literal: "nav")
    static let header = TagName(literal: "header")
    static let footer = TagName(literal: "footer")
    /// Elements that are list items by their tag: `li`, `tr`, `dl`, `dt`, `dd`.
    static let listItems: Set<UInt64> = Set(["li", "tr", "dl", "dt", "dd"].map { $0.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } })
    private static let skipped: Set<UInt64> = Set(
        ["script", "style", "noscript", "select", "option", "textarea", "template", "iframe", "svg", "head"].map {
            $0.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        })

    var isSkipped: Bool { Self.skipped.contains(key) }
}
