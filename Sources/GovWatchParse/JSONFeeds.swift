import Foundation
import GovWatchCore

/// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).
enum JSONFeedReader {
    private struct Feed: Decodable {
        var version: String?
        var items: [Item]
    }
    private struct Author: Decodable { var name: String? }
    private struct Item: Decodable {
        var id: String?
        var url: String?
        var external_url: String?
        var title: String?
        var content_html: String?
        var content_text: String?
        var summary: String?
        var date_published: String?
        var date_modified: String?
        var authors: [Author]?
        var author: Author?
    }

    static func items(_ body: [UInt8], url: String, limit: Int) throws(FeedError) -> [Publication] {
        let feed: Feed
        do {
            feed = try JSONDecoder().decode(Feed.self, from: Data(body))
        } catch {
            throw .invalidJSON(String(describing: error).prefix(200).description)
        }
        guard feed.version?.contains("jsonfeed.org") ?? false else { throw .notThisFormat(expected: .jsonfeed) }
        return feed.items.prefix(limit).map { item in
            let link = item.url ?? item.id ?? ""
            let html = item.content_html ?? item.content_text.map(htmlEscaped) ?? item.summary ?? ""
            return FeedItemBuilder.publication(
                url: URLResolver.resolve(link, against: url) ?? link, title: item.title ?? "", html: html,
                date: (item.date_published ?? item.date_modified).flatMap(FeedDate.parse),
                author: item.authors?.first?.name ?? item.author?.name, declaredSource: nil,
                sourceURL: item.external_url)
        }
    }

    private static func htmlEscaped(_ text: String) -> String {
        "<p>" + text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\n", with: "</p><p>") + "</p>"
    }
}

/// The WeChat platform's published-articles JSON (`freepublish/batchget`):
/// `item[].content.news_item[]` with `title, author, digest, content, content_source_url, url`.
enum WeChatReader {
    private struct Page: Decodable {
        var item: [Item]?
        var errcode: Int?
        var errmsg: String?
    }
    private struct Item: Decodable {
        var content: Content?
        var update_time: Int?
    }
    private struct Content: Decodable {
        var news_item: [News]?
        var update_time: Int?
        var create_time: Int?
    }
    private struct News: Decodable {
        var title: String?
        var author: String?
        var digest: String?
        var content: String?
        var content_source_url: String?
        var url: String?
        var is_deleted: Bool?
    }

    static func items(_ body: [UInt8], url: String, limit: Int) throws(FeedError) -> [Publication] {
        let page: Page
        do {
            page = try JSONDecoder().decode(Page.self, from: Data(body))
        } catch {
            throw .invalidJSON(String(describing: error).prefix(200).description)
        }
        if let code = page.errcode, code != 0 {
            throw .invalidJSON("WeChat error \(code): \(page.errmsg ?? "")")
        }
        guard let items = page.item else { throw .notThisFormat(expected: .wechatJSON) }
        var out: [Publication] = []
        for item in items {
            let seconds = item.content?.update_time ?? item.update_time ?? item.content?.create_time
            for news in item.content?.news_item ?? [] where news.is_deleted != true {
                guard out.count < limit else { return out }
                let link = news.url ?? ""
                out.append(
                    FeedItemBuilder.publication(
                        url: link, title: news.title ?? "", html: news.content ?? news.digest ?? "",
                        date: seconds.map(FeedDate.shanghai(unixSeconds:)), author: news.author, declaredSource: nil,
                        sourceURL: news.content_source_url))
            }
        }
        return out
    }
}
