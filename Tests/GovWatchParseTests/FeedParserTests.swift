import GovWatchCore
import Testing

@testable import GovWatchParse

@Suite struct FeedParserTests {
    let parser = FeedParser()
    let url = "http://h/feeds/x"

    @Test func rss() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>阿尔山发布</title>
            <item><title>冬季旅游推进会</title><link>https://mp.weixin.qq.com/s/a1</link>
            <pubDate>Tue, 18 Nov 2025 18:00:00 +0800</pubDate><dc:creator>阿尔山市人民政府</dc:creator>
            <description><![CDATA[<p>正文。</p><p>来源：兴安日报</p>]]></description>
            <source url="https://xadaily.cn/rss">兴安日报</source></item>
            <item><title>无日期</title><link>/local.html</link><description>转载</description></item>
            </channel></rss>
            """
        let items = try parser.parse(Array(xml.utf8), format: .rss, url: url)
        #expect(items.count == 2)
        #expect(items[0].title == "冬季旅游推进会")
        #expect(items[0].published?.description == "2025-11-18")
        #expect(items[0].author == "阿尔山市人民政府")
        #expect(items[0].source == "兴安日报")
        #expect(items[0].sourceURL == "https://xadaily.cn/rss")
        #expect(items[0].kind == .feedItem)
        #expect(items[0].feedURL == url)
        #expect(items[1].url == "http://h/local.html")
        #expect(items[1].isRepost)
    }

    @Test func atom() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
            <entry><title>通知</title><link rel="alternate" href="https://h/a.html"/><link rel="via" href="https://src/x"/>
            <published>2025-03-04T17:00:00Z</published><author><name>五岔沟镇人民政府</name></author>
            <content type="html">&lt;p&gt;正文&lt;/p&gt;</content></entry></feed>
            """
        let items = try parser.parse(Array(xml.utf8), format: .atom, url: url)
        #expect(items.map(\.url) == ["https://h/a.html"])
        #expect(items[0].published?.description == "2025-03-05")
        #expect(items[0].author == "五岔沟镇人民政府")
        #expect(items[0].sourceURL == "https://src/x")
        #expect(items[0].bodyText == "正文")
    }

    @Test func jsonFeed() throws {
        let json = """
            {"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": [
              {"id": "1", "url": "https://h/1.html", "title": "公告", "content_text": "第一段\\n来源：市教育局",
               "date_published": "2025-03-05T10:30:00+08:00", "authors": [{"name": "市教育局"}], "external_url": "https://src/1"}]}
            """
        let items = try parser.parse(Array(json.utf8), format: .jsonfeed, url: url)
        #expect(items.count == 1)
        #expect(items[0].published?.description == "2025-03-05")
        #expect(items[0].publishedMinute == 630)
        #expect(items[0].source == "市教育局")
        #expect(items[0].author == "市教育局")
        #expect(items[0].sourceURL == "https://src/1")
    }

    @Test func weChatPublishedArticles() throws {
        let json = """
            {"total_count": 1, "item_count": 1, "item": [{"article_id": "a", "update_time": 1790820000,
              "content": {"news_item": [
                {"title": "欢度国庆", "author": "五岔沟镇人民政府", "digest": "d", "content": "<p>演出。</p><p>转自：兴安日报</p>",
                 "content_source_url": "https://src/1", "url": "https://mp.weixin.qq.com/s/1", "is_deleted": false},
                {"title": "已删除", "url": "https://mp.weixin.qq.com/s/2", "is_deleted": true}]}}]}
            """
        let items = try parser.parse(Array(json.utf8), format: .wechatJSON, url: url)
        #expect(items.count == 1)
        #expect(items[0].title == "欢度国庆")
        #expect(items[0].published?.description == "2026-10-01")
        #expect(items[0].isRepost)
        #expect(items[0].sourceURL == "https://src/1")
        #expect(items[0].bodyText == "演出。\n转自：兴安日报")
    }

    @Test func wrongFormatsAndBrokenJSONAreErrors() {
        #expect(throws: FeedError.notThisFormat(expected: .atom)) {
            try parser.parse(Array("<rss version=\"2.0\"><channel/></rss>".utf8), format: .atom, url: url)
        }
        #expect(throws: FeedError.self) { try parser.parse(Array("{\"item\": [".utf8), format: .wechatJSON, url: url) }
        #expect(throws: FeedError.self) { try parser.parse(Array("{\"errcode\": 40001, \"errmsg\": \"invalid credential\"}".utf8), format: .wechatJSON, url: url) }
    }
}

/// XML attacks: each is refused before any entity is read, so no local file is read, no
/// network is touched and memory does not grow.
@Suite struct XMLSafetyTests {
    let parser = FeedParser()

    static let xxe = """
        <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <rss version="2.0"><channel><item><title>&x;</title><link>http://h/</link></item></channel></rss>
        """
    static let externalDTD = """
        <?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.2:9/evil.dtd">
        <rss version="2.0"><channel><item><title>t</title></item></channel></rss>
        """
    static let billionLaughs: String = {
        var s = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        for i in 1...9 { s += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">" }
        return s + "]><rss version=\"2.0\"><channel><item><title>&lol9;</title></item></channel></rss>"
    }()
    static let quadraticBlowup: String = {
        let big = String(repeating: "a", count: 50_000)
        return "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"\(big)\">]><rss version=\"2.0\"><channel><item><title>"
            + String(repeating: "&a;", count: 50_000) + "</title></item></channel></rss>"
    }()

    @Test(arguments: [xxe, externalDTD, billionLaughs, quadraticBlowup])
    func refusesDocumentsWithADTD(xml: String) {
        #expect(throws: FeedError.unsafe(.dtdDeclared)) {
            try parser.parse(Array(xml.utf8), format: .rss, url: "http://h/f")
        }
    }

    @Test func lowerCaseDoctypeIsRefusedToo() {
        let xml = "<!doctype rss [<!entity x SYSTEM \"file:///etc/passwd\">]><rss/>"
        #expect(Array(xml.utf8).withUnsafeBytes { XMLDocument.declaresDTD($0) })
    }
}
