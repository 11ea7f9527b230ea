import Foundation
import CLibXML2
import GovWatchCore

/// What an HTML page yields: the publication, and the page read as a listing when asked.
public struct ParsedPage: Sendable {
    public var publication: Publication
    /// Nil when the page was parsed as an article only.
    public var listing: ListingPage?
    /// The encoding the page was read in (`UTF-8`, `GB18030`).
    public var charset: String
    /// The page has an article body container (`#zoom`, `.TRS_Editor` …) or a body override.
    public var hasArticleBody: Bool
    /// Its images, resolved (for the link check; not stored).
    public var images: [String] = []
}

/// Parses HTML pages — articles and listings — into `Publication` and `ListingPage` values.
///
/// Stateless and `Sendable`: one value can serve every crawl thread; each call parses with
/// its own libxml2 context.
public struct PageParser: Sendable {
    public let overrides: ParseOverrides
    /// Which links are listing entries; nil: the page's own host.
    public let scope: CrawlScope?
    /// The most pages a listing's pager is believed to have.
    public let maxListingPages: Int
    /// The crawl's day, to place listing dates written without a year.
    public let referenceDay: CivilDate?

    public init(
        overrides: ParseOverrides = ParseOverrides(), scope: CrawlScope? = nil, maxListingPages: Int = 100,
        referenceDay: CivilDate? = nil
    ) {
        self.overrides = overrides
        self.scope = scope
        self.maxListingPages = maxListingPages
        self.referenceDay = referenceDay
    }

    /// Parses a page; nil when the bytes hold no HTML tree at all.
    /// - Parameters:
    ///   - listing: read the page as a listing too, in this role; nil for an article only.
    ///   - column: the column the page belongs to, for per-column overrides.
    public func parse(
        _ body: [UInt8], url: String, contentType: String? = nil, listing: ListingRole? = .column, column: String? = nil
    ) -> ParsedPage? {
        body.withUnsafeBytes { parse($0, url: url, contentType: contentType, listing: listing, column: column) }
    }

    public func parse(
        _ body: UnsafeRawBufferPointer, url: String, contentType: String?, listing role: ListingRole? = .column,
        column: String? = nil
    ) -> ParsedPage? {
        let overrides = self.overrides.forColumn(column)
        let reading: Reading = role == nil && !overrides.readsArticleTree ? .stream : .tree
        return parse(body, url: url, contentType: contentType, listing: role, overrides: overrides, reading: reading)
    }

    /// How a page is read: from a libxml2 tree, or from the parser's events with no tree
    /// (articles without XPath overrides, the crawl's commonest page). Both give the same page.
    enum Reading {
        case tree, stream
    }

    func parse(
        _ body: UnsafeRawBufferPointer, url: String, contentType: String?, listing role: ListingRole?,
        overrides: ParseOverrides, reading: Reading
    ) -> ParsedPage? {
        let encoding = Charset.detect(contentType: contentType, body: body)
        guard let base = URLParts(url) else { return nil }
        if reading == .stream {
            guard let walker = PageStream.walk(body: body, url: url, encoding: encoding) else { return nil }
            let bodySegments = walker.bodyRange.map { Array(walker.segments[$0]) }
            return article(
                url: url, base: base, walker: walker, fields: LabeledFields(segments: walker.segments),
                bodySegments: bodySegments, charset: encoding
            ).page
        }
        guard let document = HTMLDocument(body: body, url: url, encoding: encoding), let root = document.root else {
            return nil
        }
        let top = UnsafeMutablePointer(root.pointee.parent) ?? root
        var walker = PageWalker()
        walker.walk(top)
        var fieldSegments = walker.segments
        var bodySegments = walker.bodyRange.map { Array(walker.segments[$0]) }
        if let xpath = overrides.infoTable, let node = document.firstNode(xpath: xpath) {
            fieldSegments = Self.segments(of: node)
        }
        if let xpath = overrides.body, let node = document.firstNode(xpath: xpath) {
            bodySegments = Self.segments(of: node)
        }
        var fields = LabeledFields(segments: fieldSegments)
        for (label, xpath) in overrides.fields {
            if let node = document.firstNode(xpath: xpath) { fields.set(label: label, HTMLDocument.text(of: node)) }
        }
        var (page, links) = article(
            url: url, base: base, walker: walker, fields: fields, bodySegments: bodySegments, charset: encoding)
        if let xpath = overrides.title, let node = document.firstNode(xpath: xpath) {
            let t = HTMLDocument.text(of: node)
            if !t.isEmpty { page.publication.title = t }
        }
        page.listing = role.map { role in
            self.listing(
                document: document, top: top, url: url, base: base, role: role, walker: walker,
                links: links, overrides: overrides)
        }
        return page
    }

    /// The page read as an article, and its links resolved (duplicates kept, for the pager).
    private func article(
        url: String, base: URLParts, walker: PageWalker, fields: LabeledFields, bodySegments: [Segment]?, charset: String
    ) -> (page: ParsedPage, links: [(url: String, text: String)]) {
        let resolved = walker.links.compactMap { link in
            URLResolver.resolve(link.href, against: base).map { (url: $0, text: link.text) }
        }
        let publication = Self.publication(
            url: url, walker: walker, links: resolved, fields: fields, bodySegments: bodySegments ?? walker.segments)
        let page = ParsedPage(
            publication: publication, listing: nil, charset: charset, hasArticleBody: bodySegments != nil,
            images: walker.images.compactMap { URLResolver.resolve($0, against: base) })
        return (page, resolved)
    }

    // MARK: Listing

    private func listing(
        document: HTMLDocument, top: UnsafeMutablePointer<xmlNode>, url: String, base: URLParts, role: ListingRole,
        walker: PageWalker, links: [(url: String, text: String)], overrides: ParseOverrides
    ) -> ListingPage {
        let scope = self.scope ?? CrawlScope(hosts: [base.hostAndPort])
        let finder = ListingFinder(base: base, pageURL: url, scope: scope, role: role, referenceDay: referenceDay)
        var entries: [ListingEntry]
        var scriptedPages: [String] = []
        if let xpath = overrides.entry {
            entries = overriddenEntries(document: document, xpath: xpath, base: base, overrides: overrides)
        } else if let scripted = ScriptedRecords(scripts: walker.recordScripts), let fragment = scripted.document(url: url),
            let fragmentRoot = fragment.root
        {
            // The column's list is in the script; the page around it holds only navigation.
            entries = finder.entries(root: UnsafeMutablePointer(fragmentRoot.pointee.parent) ?? fragmentRoot)
            scriptedPages = scripted.nextGroup.compactMap { URLResolver.resolve($0, against: base) }
        } else {
            entries = finder.entries(root: top)
        }
        var pagerLinks = links
        var pagerText = walker.segments.map(\.text).joined(separator: " ")
        if let xpath = overrides.pager, let node = document.firstNode(xpath: xpath) {
            var sub = PageWalker()
            sub.walk(node)
            pagerLinks = sub.links.compactMap { l in URLResolver.resolve(l.href, against: base).map { (url: $0, text: l.text) } }
            pagerText = sub.segments.map(\.text).joined(separator: " ")
        }
        let pager = PagerReader.read(
            url: url, scripts: walker.scripts, links: pagerLinks.filter { scope.allows($0.url) }, text: pagerText,
            entriesOnPage: entries.count, cap: maxListingPages)
        return ListingPage(url: url, entries: entries, pager: pager.pager, pageLinks: pager.links + scriptedPages)
    }

    /// Entries from the probe's `entry` / `entry_link` / `entry_date` XPaths.
    private func overriddenEntries(document: HTMLDocument, xpath: String, base: URLParts, overrides: ParseOverrides)
        -> [ListingEntry]
    {
        var seen = Set<String>()
        return document.nodes(xpath: xpath).compactMap { node -> ListingEntry? in
            guard
                let a = document.nodes(xpath: overrides.entryLink ?? ".//a[@href]", relativeTo: node).first
                    ?? (PageWalker.attribute(node, "href") != nil ? node : nil),
                let href = PageWalker.attribute(a, "href"), let url = URLResolver.resolve(href, against: base),
                seen.insert(url).inserted
            else { return nil }
            let dateText = overrides.entryDate.flatMap { document.nodes(xpath: $0, relativeTo: node).first }
                .map(HTMLDocument.text(of:)) ?? HTMLDocument.text(of: node)
            let title = PageWalker.attribute(a, "title").flatMap { $0.isEmpty ? nil : $0 } ?? HTMLDocument.text(of: a)
            return ListingEntry(
                title: title.trimmingWhitespace(), url: url,
                date: DateScanner.latestDate(in: dateText) ?? referenceDay.flatMap { DateScanner.monthDay(in: dateText, before: $0) })
        }
    }

    private static func segments(of node: UnsafeMutablePointer<xmlNode>) -> [Segment] {
        var sub = PageWalker()
        sub.walk(node)
        return sub.segments
    }

    // MARK: Article

    private static let attachmentExtensions: FileExtensionSet = [
        "pdf", "doc", "docx", "xls", "xlsx", "wps", "et", "ppt", "pptx", "zip", "rar", "7z", "txt", "ofd", "csv",
    ]

    private static func publication(
        url: String, walker: PageWalker, links resolved: [(url: String, text: String)], fields: LabeledFields,
        bodySegments: [Segment]
    ) -> Publication {
        let meta = walker.meta
        lazy var byLowercasedName = Dictionary(meta.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        func metaValue(_ name: String) -> String? {
            let v = meta[name] ?? byLowercasedName[name.lowercased()]
            return v.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let info = DisclosureInfo(
            indexNumber: nonEmpty(fields[.indexNumber]), publisher: nonEmpty(fields[.publisher]),
            writtenDate: fields[.written].flatMap(DateScanner.firstDate)?.date,
            publishedDate: fields[.published].flatMap(DateScanner.firstDate)?.date,
            documentNumber: nonEmpty(fields[.documentNumber]), topic: nonEmpty(fields[.topic]),
            validity: nonEmpty(fields[.validity]))
        let pubMeta = metaValue("PubDate").flatMap(DateScanner.firstDate)
        let timeLine = fields[.publishTime].flatMap(DateScanner.firstDate)

        var links: [Link] = []
        links.reserveCapacity(resolved.count)
        var attachments: [Link] = []
        var seen = Set<String>(minimumCapacity: resolved.count)  // grown from empty, it rehashed every link several times
        for (absolute, text) in resolved {
            guard seen.insert(absolute).inserted else { continue }
            let link = Link(url: absolute, text: text)
            links.append(link)
            if isAttachment(absolute) { attachments.append(link) }
        }
        let sourceLine = fields[.source]
        let source = sourceLine ?? metaValue("ContentSource")
        let siteName = metaValue("SiteName")
        let heading = walker.headingRange.map { walker.segments[$0].map(\.text).joined() }.flatMap(nonEmpty)
        let title =
            metaValue("ArticleTitle") ?? metaValue("og:title").map { TitleText.withoutSiteName($0, siteName: siteName) }
            ?? heading ?? nonEmpty(fields[.title]) ?? TitleText.withoutSiteName(walker.titleTag, siteName: siteName)
        let dateLine = info.publishedDate ?? pubMeta?.date ?? timeLine?.date == nil ? dateUnderHeading(walker, title: title) : nil
        let published = info.publishedDate ?? pubMeta?.date ?? timeLine?.date ?? dateLine?.date
        let minute = [pubMeta, timeLine, dateLine].compactMap { $0 }.first { $0.date == published }?.minuteOfDay
        return Publication(
            url: url, kind: .page, title: title, meta: meta, info: info, published: published,
            publishedMinute: minute, source: source, author: metaValue("Author"),
            isRepost: isRepostMarked(walker.segments, source: source), bodyText: joined(bodySegments),
            links: links, attachments: attachments)
    }

    /// The first date between the heading and the body (`<li>2023-12-01 14:43</li>` beside
    /// `<li>来源：新华社</li>`), skipping 成文/印发 dates; at most eight lines after the heading.
    private static func dateUnderHeading(_ walker: PageWalker, title: String) -> ScannedDate? {
        // The heading, else the line that is the title (an `<h3>`, a `<div class="title">`).
        guard
            let heading = walker.headingRange
                ?? walker.segments.firstIndex(where: { $0.text == title }).map({ $0..<($0 + 1) })
        else { return nil }
        let end = min(walker.bodyRange.map { max($0.lowerBound, heading.upperBound) } ?? .max, heading.upperBound + 8, walker.segments.count)
        guard heading.upperBound < end else { return nil }
        for segment in walker.segments[heading.upperBound..<end] {
            let t = segment.text
            if notPublicationDates.contains(where: t.utf8.containsBytes) { continue }
            if let d = DateScanner.firstDate(in: t) { return d }
        }
        return nil
    }

    /// Lines whose dates are not the publication's: 成文 (written), 印发 (issued), 生成日期.
    private static let notPublicationDates = ["成文", "印发", "生成日期"].map { Array($0.utf8) }

    static func joined(_ segments: [Segment]) -> String {
        var out = ""
        out.reserveCapacity(segments.reduce(0) { $0 + $1.text.utf8.count + 1 })  // a body's text grows in one buffer
        for s in segments {
            if !out.isEmpty && s.startsBlock { out += "\n" }
            out += s.text
        }
        return out
    }

    private static let repostedFrom = Array("转载自".utf8)

    /// A 转载 / 转自 marker at the start of a line, or a source line that names a repost.
    static func isRepostMarked(_ segments: [Segment], source: String?) -> Bool {
        if let s = source, s.hasPrefix("转载") || s.hasPrefix("转自") || s.utf8.containsBytes(repostedFrom) { return true }
        return segments.contains { seg in
            let t = seg.text
            guard let c = t.unicodeScalars.first, c == "转" || c == "【" || c == "本" else { return false }
            return t.hasPrefix("转载") || t.hasPrefix("转自") || t.hasPrefix("【转载") || t.hasPrefix("本文转自")
        }
    }

    private static func isAttachment(_ url: String) -> Bool { attachmentExtensions.contains(extensionOf: url) }

    private static func nonEmpty(_ s: String?) -> String? {
        guard let t = s?.trimmingWhitespace(), !t.isEmpty else { return nil }
        return t
    }
}

/// Titles from `<title>` and `og:title`, which carry the site's name: `…座谈会-中国科普网`,
/// `标题_阿尔山市人民政府`, `标题 | 门户网站`.
enum TitleText {
    static func withoutSiteName(_ raw: String, siteName: String?) -> String {
        var t = raw.collapsingWhitespace()
        if let site = siteName?.trimmingWhitespace(), !site.isEmpty, t.hasSuffix(site), t.count > site.count {
            t = String(t.dropLast(site.count)).trimmingWhitespace()
            while let last = t.last, separators.contains(last) { t.removeLast() }
            return t.trimmingWhitespace()
        }
        // A site's name in front: `鄂温克族自治旗人民政府--标题`.
        if let i = t.firstIndex(where: separators.contains) {
            let head = t[..<i].trimmingWhitespace()
            let tail = String(t[i...].drop(while: { separators.contains($0) || $0 == " " }))
            if head.count <= 24, tail.count > head.count / 2, siteWords.contains(where: { head.contains($0) }),
                head.hasSuffix("政府") || head.hasSuffix("网") || head.hasSuffix("门户网站") || t[i...].hasPrefix("--")
            {
                return tail.trimmingWhitespace()
            }
        }
        // Otherwise cut at the last separator whose tail reads as a site's name.
        for (i, c) in zip(t.indices, t).reversed() where separators.contains(c) {
            let head = t[..<i].trimmingWhitespace()
            let tail = t[t.index(after: i)...].trimmingWhitespace()
            guard head.count >= 2, !tail.isEmpty, tail.count <= 24, let first = tail.unicodeScalars.first,
                !(first.value >= 0x30 && first.value <= 0x39)
            else { continue }
            let spaced = i > t.startIndex && t[t.index(before: i)] == " "
            if c == "_" || c == "|" || spaced || siteWords.contains(where: { tail.contains($0) }) { return head }
        }
        return t
    }

    private static let separators: Set<Character> = ["_", "|", "-", "—", "–", "－", "｜"]
    private static let siteWords = ["网", "政府", "门户", "人民", "办公室", "平台", "中国", "委员会", "gov", "GOV"]
}
