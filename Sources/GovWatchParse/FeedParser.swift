import CLibXML2
import Foundation
import GovWatchCore

/// Why a feed could not be read.
public enum FeedError: Error, Equatable, CustomStringConvertible {
    case unsafe(XMLSafetyError)
    case notThisFormat(expected: FeedFormat)
    case invalidJSON(String)

    public var description: String {
        switch self {
        case .unsafe(let e): e.description
        case .notThisFormat(let f): "not a \(f.rawValue) document"
        case .invalidJSON(let m): "invalid JSON: \(m)"
        }
    }
}

/// Parses feed exports — RSS 2.0, Atom, JSON Feed 1.1 and the WeChat platform's
/// published-articles JSON — into the same `Publication` shape as portal pages.
public struct FeedParser: Sendable {
    /// Largest number of items read from one feed; the rest are ignored.
    public var maxItems: Int

    public init(maxItems: Int = 10_000) {
        self.maxItems = maxItems
    }

    public func parse(_ body: [UInt8], format: FeedFormat, url: String) throws(FeedError) -> [Publication] {
        let items: [Publication]
        switch format {
        case .rss, .atom: items = try parseXML(body, format: format, url: url)
        case .jsonfeed: items = try JSONFeedReader.items(body, url: url, limit: maxItems)
        case .wechatJSON: items = try WeChatReader.items(body, url: url, limit: maxItems)
        }
        return items.map { item in
            var p = item
            p.kind = .feedItem
            p.feedURL = url
            return p
        }
    }

    private func parseXML(_ body: [UInt8], format: FeedFormat, url: String) throws(FeedError) -> [Publication] {
        let document: XMLDocument
        do {
            document = try body.withUnsafeBytes { try XMLDocument(body: $0, url: url) }
        } catch let e as XMLSafetyError {
            throw .unsafe(e)
        } catch {
            throw .unsafe(.malformed("\(error)"))
        }
        guard let root = document.root else { throw .notThisFormat(expected: format) }
        switch (format, XMLNodes.name(root)) {
        case (.rss, "rss"):
            guard let channel = XMLNodes.children(root).first(where: { XMLNodes.name($0) == "channel" }) else {
                return []
            }
            return XMLNodes.children(channel).lazy.filter { XMLNodes.name($0) == "item" }.prefix(maxItems)
                .map { rssItem($0, feedURL: url) }
        case (.atom, "feed"):
            return XMLNodes.children(root).lazy.filter { XMLNodes.name($0) == "entry" }.prefix(maxItems)
                .map { atomEntry($0, feedURL: url) }
        default:
            throw .notThisFormat(expected: format)
        }
    }

    private func rssItem(_ item: UnsafeMutablePointer<xmlNode>, feedURL: String) -> Publication {
        let link = XMLNodes.childText(item, "link")?.trimmingWhitespace() ?? ""
        let html = XMLNodes.childText(item, "encoded") ?? XMLNodes.childText(item, "description") ?? ""
        let date = (XMLNodes.childText(item, "pubDate") ?? XMLNodes.childText(item, "date")).flatMap(FeedDate.parse)
        let author = XMLNodes.childText(item, "author") ?? XMLNodes.childText(item, "creator")
        let sourceNode = XMLNodes.children(item).first { XMLNodes.name($0) == "source" }
        return FeedItemBuilder.publication(
            url: URLResolver.resolve(link, against: feedURL) ?? link,
            title: XMLNodes.childText(item, "title") ?? "", html: html, date: date, author: author,
            declaredSource: sourceNode.flatMap(XMLNodes.text),
            sourceURL: sourceNode.flatMap { XMLNodes.attribute($0, "url") })
    }

    private func atomEntry(_ entry: UnsafeMutablePointer<xmlNode>, feedURL: String) -> Publication {
        let links = XMLNodes.children(entry).filter { XMLNodes.name($0) == "link" }
        let alternate = links.first { (XMLNodes.attribute($0, "rel") ?? "alternate") == "alternate" }
        let via = links.first { XMLNodes.attribute($0, "rel") == "via" }
        let href = alternate.flatMap { XMLNodes.attribute($0, "href") } ?? ""
        let date = (XMLNodes.childText(entry, "published") ?? XMLNodes.childText(entry, "updated"))
            .flatMap(FeedDate.parse)
        let author = XMLNodes.children(entry).first { XMLNodes.name($0) == "author" }
            .flatMap { XMLNodes.childText($0, "name") }
        let source = XMLNodes.children(entry).first { XMLNodes.name($0) == "source" }
        return FeedItemBuilder.publication(
            url: URLResolver.resolve(href, against: feedURL) ?? href, title: XMLNodes.childText(entry, "title") ?? "",
            html: XMLNodes.childText(entry, "content") ?? XMLNodes.childText(entry, "summary") ?? "",
            date: date, author: author, declaredSource: source.flatMap { XMLNodes.childText($0, "title") },
            sourceURL: via.flatMap { XMLNodes.attribute($0, "href") })
    }
}

/// Turns the fields of a feed item into a `Publication`, reading its HTML content with the
/// page parser so that 来源 lines and repost markers are found the same way as on pages.
enum FeedItemBuilder {
    static func publication(
        url: String, title: String, html: String, date: ScannedDate?, author: String?,
        declaredSource: String?, sourceURL: String?
    ) -> Publication {
        let page = html.isEmpty ? nil : PageParser().parse(Array(html.utf8), url: url, contentType: "text/html; charset=utf-8")
        let fromText = page?.publication
        let source = nonEmpty(declaredSource) ?? fromText?.source
        return Publication(
            url: url, kind: .feedItem, title: title.trimmingWhitespace(), published: date?.date,
            publishedMinute: date?.minuteOfDay, source: source, sourceURL: nonEmpty(sourceURL),
            author: nonEmpty(author), isRepost: fromText?.isRepost ?? false,
            bodyText: fromText?.bodyText ?? "", links: fromText?.links ?? [],
            attachments: fromText?.attachments ?? [])
    }

    private static func nonEmpty(_ s: String?) -> String? {
        guard let t = s?.trimmingWhitespace(), !t.isEmpty else { return nil }
        return t
    }
}
