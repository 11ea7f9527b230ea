import GovWatchCore
import GovWatchDemo
import Testing

@testable import GovWatchParse

@Suite struct ArticleParserTests {
    let parser = PageParser()
    static let url = "http://www.aes.gov.cn/zwgk/zcwj/202503/t20250305_1.html"

    func parse(_ html: String, contentType: String? = "text/html; charset=utf-8") throws -> ParsedPage {
        try #require(parser.parse(Array(html.utf8), url: Self.url, contentType: contentType))
    }

    static let info: [(String, String)] = [
        ("索引号", "115222000115220201/2025-00012"), ("发布机构", "阿尔山市人民政府办公室"), ("成文日期", "2025年3月1日"),
        ("发布日期", "2025年03月05日"), ("文号", "阿政发〔2025〕12号"),
    ]

    @Test(arguments: [InfoMarkup.table, .strongParagraphs, .spanList])
    func readsTheInfoTableInEveryMarkup(markup: InfoMarkup) throws {
        let html = PageTemplates.article(
            title: "关于印发某办法的通知", column: "政策文件", pubDate: "2025-03-05 10:30", source: "阿尔山市人民政府办公室",
            info: Self.info, markup: markup, paragraphs: ["第一条 为了规范管理，制定本办法。"])
        let p = try parse(html).publication
        #expect(p.info.indexNumber == "115222000115220201/2025-00012")
        #expect(p.info.publisher == "阿尔山市人民政府办公室")
        #expect(p.info.writtenDate?.description == "2025-03-01")
        #expect(p.info.publishedDate?.description == "2025-03-05")
        #expect(p.info.documentNumber == "阿政发〔2025〕12号")
        #expect(p.published?.description == "2025-03-05")
        #expect(p.publishedMinute == 630)
        #expect(p.title == "关于印发某办法的通知")
        #expect(p.source == "阿尔山市人民政府办公室")
        #expect(p.bodyText == "第一条 为了规范管理，制定本办法。")
        #expect(p.meta["SiteIDCode"] == "1522020001")
    }

    @Test(arguments: [
        ("信息索引号", "生成日期", "公开日期", "文件编号"),
        ("索 引 号", "成文日期", "发布日期", "发文字号"),
        ("索引号", "生成日期", "发布日期", "文　　号"),
    ])
    func readsLabelVariants(index: String, written: String, published: String, number: String) throws {
        let html = """
            <html><body><table>
            <tr><td>\(index)：</td><td>A-1</td><td>\(number)</td><td>阿政办发〔2025〕3号</td></tr>
            <tr><td>\(written)</td><td>2025-02-27</td><td>\(published)</td><td>2025-03-04</td></tr>
            <tr><td>主题分类</td><td></td><td>有效性</td><td>有效</td></tr>
            </table><h1>标题</h1></body></html>
            """
        let info = try parse(html).publication.info
        #expect(info.indexNumber == "A-1")
        #expect(info.documentNumber == "阿政办发〔2025〕3号")
        #expect(info.writtenDate?.description == "2025-02-27")
        #expect(info.publishedDate?.description == "2025-03-04")
        #expect(info.topic == nil)  // an empty cell is not the next label
        #expect(info.validity == "有效")
    }

    @Test func withoutInfoTableTheDateComesFromMetaOrTheTimeLine() throws {
        let meta = try parse("<html><head><meta name=\"PubDate\" content=\"2020年08月02日\"></head><body><h1>T</h1></body></html>")
        #expect(meta.publication.published?.description == "2020-08-02")
        let line = try parse("<html><body><h1>T</h1><div>来源：市教育局 发布时间：2025-03-05 08:00</div></body></html>")
        #expect(line.publication.published?.description == "2025-03-05")
        #expect(line.publication.source == "市教育局")
        #expect(line.publication.info.isEmpty)
    }

    @Test func findsRepostMarkersAndEmptySources() throws {
        let repost = try parse("<html><body><h1>T</h1><span>来源：</span><span>发布时间：2025-03-05</span><div id=\"zoom\"><p>转载自兴安日报</p></div></body></html>")
        #expect(repost.publication.isRepost)
        #expect(repost.publication.source == "")
        let original = try parse("<html><body><h1>T</h1><p>来源：市政府办公室</p><div class=\"footer\">未经许可不得转载</div></body></html>")
        #expect(!original.publication.isRepost)
    }

    @Test func makesLinksAbsoluteAndFindsAttachments() throws {
        let html = """
            <html><body><h1>T</h1><div id="zoom"><p>正文</p>
            <a href="P020250305.pdf">附件1</a><a href="/u/f.docx?x=1">附件2</a><a href="javascript:void(0)">打印</a>
            <a href="../../zcjd/202503/t2.html#a">解读</a><a href="t3.html">x</a><a href="t3.html">dup</a></div></body></html>
            """
        let p = try parse(html).publication
        #expect(p.links.map(\.url) == [
            "http://www.aes.gov.cn/zwgk/zcwj/202503/P020250305.pdf", "http://www.aes.gov.cn/u/f.docx?x=1",
            "http://www.aes.gov.cn/zwgk/zcjd/202503/t2.html", "http://www.aes.gov.cn/zwgk/zcwj/202503/t3.html",
        ])
        #expect(p.attachments.map(\.text) == ["附件1", "附件2"])
    }

    @Test func decodesGBKFromTheMetaTagAndGB2312FromTheHeader() throws {
        let html = PageTemplates.article(
            title: "五岔沟镇关于低保名单的公示", column: "通知公告", pubDate: "2025年3月5日", source: "五岔沟镇人民政府",
            info: [("发布机构", "阿尔山市五岔沟镇人民政府")], markup: .strongParagraphs,
            paragraphs: ["镕、堃、㐀：GB18030 之外 GBK 也有的字与扩展A区的字。"], charset: "gbk")
        let bytes = GBK.encode(html)
        #expect(bytes != Array(html.utf8))
        for contentType in ["text/html", "text/html; charset=GB2312", "text/html; charset=gb18030"] {
            let p = try #require(parser.parse(bytes, url: Self.url, contentType: contentType)).publication
            #expect(p.title == "五岔沟镇关于低保名单的公示")
            #expect(p.info.publisher == "阿尔山市五岔沟镇人民政府")
            #expect(p.bodyText == "镕、堃、㐀：GB18030 之外 GBK 也有的字与扩展A区的字。")
            #expect(p.published?.description == "2025-03-05")
        }
    }

    @Test func usesPerSiteXPathOverrides() throws {
        let html = """
            <html><body><h1>T</h1><div class="other"><p>索引号：WRONG</p></div>
            <div class="meta-box"><p>索引号：RIGHT</p></div><div class="text"><p>正文甲</p></div></body></html>
            """
        let custom = PageParser(overrides: ParseOverrides(infoTable: "//div[@class='meta-box']", body: "//div[@class='text']"))
        let p = try #require(custom.parse(Array(html.utf8), url: Self.url, contentType: nil)).publication
        #expect(p.info.indexNumber == "RIGHT")
        #expect(p.bodyText == "正文甲")
    }

    @Test func survivesDeepNestingAndGarbage() throws {
        let deep = String(repeating: "<div>", count: 100_000) + "深" + String(repeating: "</div>", count: 100_000)
        _ = parser.parse(Array(deep.utf8), url: Self.url, contentType: nil)
        _ = parser.parse([0xFF, 0xFE, 0x00, 0x01, 0x80], url: Self.url, contentType: nil)
        #expect(parser.parse([], url: Self.url, contentType: nil) == nil)
    }
}
