import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
import GovWatchStore
import Testing

/// A county portal in a markup none of the parser fixtures use (a PHP CMS of the DedeCMS
/// kind: `<div class="article-item"><h3><a/></h3><p class="meta">发布时间：2025.11.18</p></div>`,
/// `list_3_2.html` pages reached only through 下一页, `<label>`/`<span>` info rows, `<time>`
/// cards on the homepage). It was written after the extraction code and kept out of its
/// development: the check that the reading generalises. Five problems are planted; the crawl
/// must read every page and the rules must find exactly those five.
@Suite struct HeldBackPortalTests {
    static let asOf = CivilDate(iso: "2025-11-20")!

    static func dotted(_ d: CivilDate) -> String {
        "\(d.year).\(d.month < 10 ? "0" : "")\(d.month).\(d.day < 10 ? "0" : "")\(d.day)"
    }

    static func page(_ title: String, _ body: String) -> SitePage {
        html("""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>\(title) - 临河县人民政府门户网站</title></head>
            <body><header class="site-top"><a href="/">临河县人民政府</a><nav><a href="/html/xwdt/">新闻动态</a> <a href="/html/zcwj/">政策文件</a> <a href="/html/zcjd/">政策解读</a> <a href="/html/tzgg/">通知公告</a></nav></header>
            <main>\(body)</main>
            <footer class="site-foot">临河县人民政府办公室 主办 <a href="/sitemap.html">网站地图</a></footer></body></html>
            """)
    }

    static func article(_ title: String, _ date: CivilDate, info: String = "", links: [String] = []) -> SitePage {
        let related = links.map { "<p>相关链接：<a href=\"\($0)\">\($0.contains("zcjd") ? "政策解读" : "原文件")</a></p>" }.joined()
        return page(title, """
            <article><h1 class="entry-title">\(title)</h1>
            <div class="entry-meta"><span class="date">\(dotted(date))</span> <span class="from">来源：临河县人民政府办公室</span></div>
            \(info)<div class="entry-content"><p>\(title)。现予公布。</p>\(related)</div></article>
            """)
    }

    static func info(index: String, number: String, written: CivilDate, published: CivilDate) -> String {
        """
        <div class="doc-meta"><div class="row"><label>索 引 号</label><span>\(index)</span></div>
        <div class="row"><label>发文单位</label><span>临河县人民政府办公室</span></div>
        <div class="row"><label>发文字号</label><span>\(number)</span></div>
        <div class="row"><label>成文日期</label><span>\(dotted(written))</span></div>
        <div class="row"><label>发布日期</label><span>\(dotted(published))</span></div></div>
        """
    }

    /// The portal: 30 news items over three pages, five policy documents (two without an
    /// interpretation, one whose interpretation does not link back), a notice column silent
    /// since March, a catalogue that lacks one document.
    static func portal() -> (pages: [String: SitePage], news: [String], docs: [String]) {
        var pages: [String: SitePage] = [:]
        let day = { (offset: Int) in asOf.adding(days: -offset) }
        var news: [String] = []
        var items: [String] = []
        for i in 0..<30 {
            let d = day(2 + i)
            let path = "/html/xwdt/\(d.year)/\(d.month * 100 + d.day)/\(200 + i).html"
            news.append(path)
            pages[path] = article("临河县第\(i + 1)项重点工作推进情况通报", d)
            items.append("""
                <div class="article-item"><h3 class="t"><a href="\(path)">临河县第\(i + 1)项重点工作推进情况通报</a></h3>
                <p class="summary">近日，县里召开会议，研究部署第\(i + 1)项重点工作。</p><p class="meta">发布时间：\(dotted(d)) | 浏览：\(20 + i)</p></div>
                """)
        }
        for p in 0..<3 {
            let name = p == 0 ? "index.html" : "list_3_\(p + 1).html"
            let next = p < 2 ? "<a href=\"list_3_\(p + 2).html\">下一页</a>" : ""
            pages["/html/xwdt/\(name)"] = page("新闻动态", "<div class=\"article-list\">\(items[(p * 10)..<(p * 10 + 10)].joined())</div><div class=\"pagebar\">\(next)</div>")
        }
        var docs: [String] = []
        var rows: [String] = []
        var catalogue: [String] = []
        for i in 0..<5 {
            let published = day(40 + 7 * i)
            let path = "/html/zcwj/\(published.year)/\(500 + i).html"
            docs.append(path)
            let interpretation = "/html/zcjd/\(published.year)/\(600 + i).html"
            let title = "临河县人民政府关于印发第\(i + 1)号管理办法的通知"
            // Documents 0–2 have interpretations; 2's does not link back; 3 and 4 have none.
            pages[path] = article(
                title, published,
                info: info(index: "11152800MB0000000X/2025-000\(10 + i)", number: "临政发〔2025〕\(i + 1)号", written: published.adding(days: -3), published: published),
                links: i < 3 ? [interpretation] : [])
            if i < 3 {
                pages[interpretation] = article("《\(title)》政策解读", published.adding(days: 1), links: i == 2 ? [] : [path])
            }
            rows.append("<li><em>\(dotted(published))</em><a href=\"\(path)\">\(title)</a><i>临政发〔2025〕\(i + 1)号</i></li>")
            if i != 4 {
                catalogue.append("<div class=\"row-item\"><span class=\"idx\">11152800MB0000000X/2025-000\(10 + i)</span><a href=\"\(path)\">\(title)</a><span class=\"d\">\(published)</span></div>")
            }
        }
        pages["/html/zcwj/index.html"] = page("政策文件", "<ol class=\"docs\">\(rows.joined())</ol>")
        let interpretations = (0..<3).map { i -> String in
            let d = day(40 + 7 * i).adding(days: 1)
            return "<li><em>\(dotted(d))</em><a href=\"/html/zcjd/\(d.year)/\(600 + i).html\">《临河县人民政府关于印发第\(i + 1)号管理办法的通知》政策解读</a></li>"
        }
        pages["/html/zcjd/index.html"] = page("政策解读", "<ol class=\"docs\">\(interpretations.joined())</ol>")
        let notices = (0..<3).map { i -> String in
            let d = CivilDate(iso: "2025-03-0\(i + 1)")!
            pages["/html/tzgg/2025/\(700 + i).html"] = article("临河县关于春季防火的第\(i + 1)号通知", d)
            return "<li><em>\(dotted(d))</em><a href=\"/html/tzgg/2025/\(700 + i).html\">临河县关于春季防火的第\(i + 1)号通知</a></li>"
        }
        pages["/html/tzgg/index.html"] = page("通知公告", "<ol class=\"docs\">\(notices.joined())</ol>")
        pages["/html/xxgk/index.html"] = page("政府信息公开目录", "<div class=\"catalogue\">\(catalogue.joined())</div>")
        pages["/html/xxgk/guide.html"] = article("临河县人民政府信息公开指南", CivilDate(iso: "2025-06-01")!)
        let cards = (0..<4).map { i -> String in
            "<article class=\"card\"><a class=\"card-link\" href=\"\(news[i])\"><h4>临河县第\(i + 1)项重点工作推进情况通报</h4></a><time datetime=\"\(day(2 + i))\">\(dotted(day(2 + i)))</time></article>"
        }
        pages["/index.html"] = page("首页", "<section class=\"home-news\">\(cards.joined())</section>")
        return (pages, news, docs)
    }

    @Test func aPortalInAnUnseenMarkupIsReadAndItsPlantedProblemsFound() async throws {
        let (pages, news, docs) = Self.portal()
        let site = try await TestSite.start(pages: pages)
        defer { Task { await site.stop() } }
        let probe = try ProbeLoader.parse(
            """
            probe: { id: lh, name: 临河县人民政府门户网站, base: "\(site.origin)/", homepage: /index.html }
            crawl: { concurrency: 4 }
            units:
              - { id: xzf, name: 县政府办, full_name: 临河县人民政府办公室, type: department, guide: /html/xxgk/guide.html, catalogue: /html/xxgk/index.html }
            columns:
              - { url: /html/xwdt/index.html, name: 新闻动态, type: news, unit: xzf }
              - { url: /html/zcwj/index.html, name: 政策文件, type: policy, unit: xzf }
              - { url: /html/zcjd/index.html, name: 政策解读, type: interpretation, unit: xzf }
              - { url: /html/tzgg/index.html, name: 通知公告, type: notice, unit: xzf }
            """, file: "lh.yaml")
        let report = try await Checker(probe: probe, database: site.database).run(asOf: Self.asOf)
        let crawl = try #require(report.crawl)
        #expect(crawl.failed == 0)
        // Every page of the site was reached: 30 news items through two 下一页 hops, the
        // documents, interpretations and notices.
        for path in news + docs { #expect(site.server.hitCount(path) == 1, "\(path)") }
        #expect(site.server.hitCount("/html/xwdt/list_3_3.html") == 1)
        let stored = try site.database.publications().map(\.publication)
        let doc = try #require(stored.first(where: { $0.url == site.origin + docs[0] }))
        #expect(doc.title == "临河县人民政府关于印发第1号管理办法的通知")
        #expect(doc.info.indexNumber == "11152800MB0000000X/2025-00010" && doc.info.documentNumber == "临政发〔2025〕1号")
        #expect(doc.info.publisher == "临河县人民政府办公室" && doc.published == Self.asOf.adding(days: -40))
        let found = Set(report.findings.map { "\($0.rule) \(URLParts($0.url)!.rest)" })
        #expect(
            found == [
                "interpretation-missing \(docs[3])", "interpretation-missing \(docs[4])", "interpretation-link \(docs[2])",
                "stale-column /html/tzgg/index.html", "stale-catalogue \(docs[4])",
            ], "\(report.findings.map(\.description))")
    }
}
