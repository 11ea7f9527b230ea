import Foundation
import CLibXML2
import GovWatchCore

/// What an HTML page yields: the publication, and the page read as a listing.
public struct ParsedPage: Sendable {
    public var publication: Publication
    public var listing: ListingPage
}

/// Parses HTML pages — articles and listings — into `Publication` and `ListingPage` values.
///
/// Stateless and `Sendable`: one value can serve every crawl thread; each call parses with
/// its own libxml2 context.
public struct PageParser: Sendable {
    public let overrides: ParseOverrides

    public init(overrides: ParseOverrides = ParseOverrides()) {
        self.overrides = overrides
    }

    /// Parses a page; nil when the bytes hold no HTML tree at all.
    public func parse(_ body: [UInt8], url: String, contentType: String? = nil) -> ParsedPage? {
        body.withUnsafeBytes { parse($0, url: url, contentType: contentType) }
    }

    public func parse(_ body: UnsafeRawBufferPointer, url: String, contentType: String?) -> ParsedPage? {
        let encoding = Charset.detect(contentType: contentType, body: body)
        guard let document = HTMLDocument(body: body, url: url, encoding: encoding),
            let root = document.root
        else { return nil }
        var walker = PageWalker()
        walker.walk(UnsafeMutablePointer(root.pointee.parent) ?? root)
        var fieldSegments = walker.segments
        var bodySegments = walker.bodyRange.map { Array(walker.segments[$0]) }
        if let xpath = overrides.infoTable, let node = document.firstNode(xpath: xpath) {
            var sub = PageWalker()
            sub.walk(node)
            fieldSegments = sub.segments
        }
        if let xpath = overrides.body, let node = document.firstNode(xpath: xpath) {
            var sub = PageWalker()
            sub.walk(node)
            bodySegments = sub.segments
        }
        let fields = LabeledFields(segments: fieldSegments)
        let base = URLParts(url)
        let resolved = walker.links.compactMap { link in
            base.flatMap { URLResolver.resolve(link.href, against: $0) }.map { (url: $0, text: link.text) }
        }
        let publication = Self.publication(
            url: url, walker: walker, links: resolved, fields: fields, bodySegments: bodySegments ?? walker.segments)
        let listing = ListingExtractor.listing(url: url, walker: walker, links: resolved)
        return ParsedPage(publication: publication, listing: listing)
    }

    private static let attachmentExtensions: Set<String> = [
        "pdf", "doc", "docx", "xls", "xlsx", "wps", "et", "ppt", "pptx", "zip", "rar", "7z", "txt", "ofd", "csv",
    ]

    private static func publication(
        url: String, walker: PageWalker, links resolved: [(url: String, text: String)], fields: LabeledFields,
        bodySegments: [Segment]
    ) -> Publication {
        let meta = walker.meta
        func metaValue(_ name: String) -> String? {
            let v = meta[name] ?? meta.first { $0.key.lowercased() == name.lowercased() }?.value
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
        let published = info.publishedDate ?? pubMeta?.date ?? timeLine?.date
        let minute = [pubMeta, timeLine].compactMap { $0 }.first { $0.date == published }?.minuteOfDay

        var links: [Link] = []
        var attachments: [Link] = []
        var seen = Set<String>()
        for (absolute, text) in resolved {
            guard seen.insert(absolute).inserted else { continue }
            let link = Link(url: absolute, text: text)
            links.append(link)
            if isAttachment(absolute) { attachments.append(link) }
        }
        let sourceLine = fields[.source]
        let source = sourceLine ?? metaValue("ContentSource")
        let title =
            metaValue("ArticleTitle") ?? walker.h1Range.map { walker.segments[$0].map(\.text).joined() }
            .flatMap(nonEmpty) ?? nonEmpty(fields[.title]) ?? titleFromTag(walker.titleTag)
        return Publication(
            url: url, kind: .page, title: title, meta: meta, info: info, published: published,
            publishedMinute: minute, source: source, author: metaValue("Author"),
            isRepost: isRepostMarked(walker.segments, source: source), bodyText: joined(bodySegments),
            links: links, attachments: attachments)
    }

    static func joined(_ segments: [Segment]) -> String {
        var out = ""
        for s in segments {
            if !out.isEmpty && s.startsBlock { out += "\n" }
            out += s.text
        }
        return out
    }

    /// A 转载 / 转自 marker at the start of a line, or a source line that names a repost.
    static func isRepostMarked(_ segments: [Segment], source: String?) -> Bool {
        if let s = source, s.hasPrefix("转载") || s.hasPrefix("转自") || s.contains("转载自") { return true }
        return segments.contains { seg in
            let t = seg.text
            guard let c = t.first, c == "转" || c == "【" || c == "本" else { return false }
            return t.hasPrefix("转载") || t.hasPrefix("转自") || t.hasPrefix("【转载") || t.hasPrefix("本文转自")
        }
    }

    private static func isAttachment(_ url: String) -> Bool {
        guard let ext = FileExtension.of(url) else { return false }
        return attachmentExtensions.contains(ext)
    }

    private static func titleFromTag(_ title: String) -> String {
        let t = title.collapsingWhitespace()
        let cut = t.firstIndex { $0 == "_" || $0 == "|" } ?? t.endIndex
        return t[..<cut].trimmingWhitespace()
    }

    private static func nonEmpty(_ s: String?) -> String? {
        guard let t = s?.trimmingWhitespace(), !t.isEmpty else { return nil }
        return t
    }
}
