import Foundation

/// How a page writes its disclosure info table; real portals use all three.
public enum InfoMarkup: Sendable {
    /// `<table><tr><th>索引号</th><td>…</td></tr>`.
    case table
    /// `<p><strong>索引号</strong>：…</p>`.
    case strongParagraphs
    /// `<ul><li><span>索引号：</span>…</li>`.
    case spanList
}

/// HTML templates of a TRS-style government portal (政府网站发展指引 meta tags, info
/// table, 来源 line, TRS pagination), shared by the demo portal and the tests' fixtures.
public enum PageTemplates {
    public static let siteName = "阿尔山市人民政府"

    /// An article page.
    public static func article(
        title: String, column: String, pubDate: String, source: String?, info: [(String, String)] = [],
        markup: InfoMarkup = .table, paragraphs: [String], links: [(String, String)] = [],
        extraMeta: [(String, String)] = [], charset: String = "utf-8"
    ) -> String {
        var meta: [(String, String)] = [
            ("SiteName", siteName), ("SiteDomain", "www.aes.gov.cn"), ("SiteIDCode", "1522020001"),
            ("ColumnName", column), ("ArticleTitle", title), ("PubDate", pubDate),
        ]
        if let source { meta.append(("ContentSource", source)) }
        meta += extraMeta
        let body = paragraphs.map { "<p>\(escape($0))</p>" }.joined(separator: "\n")
        let related = links.map { "<li><a href=\"\($0.0)\">\(escape($0.1))</a></li>" }.joined()
        return head(title: "\(title)_\(column)_\(siteName)", meta: meta, charset: charset) + """
            <body>
            <div class="nav"><ul><li><a href="/index.html">首页</a></li><li><a href="/zwgk/zcwj/index.html">政策文件</a></li></ul></div>
            <div class="main">
            \(infoBlock(info, markup))<h1 class="article-title">\(escape(title))</h1>
            <div class="article-meta"><span>来源：\(escape(source ?? ""))</span><span>发布时间：\(pubDate)</span></div>
            <div class="article-content TRS_Editor" id="zoom">
            \(body)
            </div>
            <div class="related"><h3>相关链接</h3><ul>\(related)</ul></div>
            </div>
            \(footer)
            </body></html>
            """
    }

    /// A listing page of a column: dated entries and a pager.
    /// - Parameter trsOnly: announce the other pages only through `createPageHTML`, with no
    ///   `<a>` pager, as some TRS sites do.
    public static func listing(
        column: String, entries: [(url: String, title: String, date: String)], page: Int, pageCount: Int,
        trsOnly: Bool = false, charset: String = "utf-8"
    ) -> String {
        let items = entries.map {
            "<li><a href=\"\($0.url)\" title=\"\(escape($0.title))\">\(escape($0.title))</a><span class=\"date\">\($0.date)</span></li>"
        }.joined(separator: "\n")
        func name(_ n: Int) -> String { n == 0 ? "index.html" : "index_\(n).html" }
        var pager = ""
        if !trsOnly && pageCount > 1 {
            pager = (0..<pageCount).map { $0 == page ? "<span>\($0 + 1)</span>" : "<a href=\"\(name($0))\">\($0 + 1)</a>" }
                .joined(separator: " ")
            if page + 1 < pageCount { pager += " <a href=\"\(name(page + 1))\">下一页</a>" }
        }
        return head(title: "\(column)_\(siteName)", meta: [("SiteName", siteName), ("ColumnName", column)], charset: charset)
            + """
            <body>
            <div class="nav"><ul><li><a href="/index.html">首页</a></li></ul></div>
            <div class="list-title">\(escape(column))</div>
            <ul class="list">
            \(items)
            </ul>
            <div class="page"><script>createPageHTML(\(pageCount), \(page), "index", "html");</script>\(pager)</div>
            \(footer)
            </body></html>
            """
    }

    /// A plain page (a guide, the homepage's boxes).
    public static func plain(title: String, pubDate: String?, inner: String, charset: String = "utf-8") -> String {
        var meta = [("SiteName", siteName), ("ArticleTitle", title)]
        if let pubDate { meta.append(("PubDate", pubDate)) }
        return head(title: "\(title)_\(siteName)", meta: meta, charset: charset)
            + "<body>\n<h1>\(escape(title))</h1>\n<div id=\"zoom\">\(inner)</div>\n\(footer)\n</body></html>"
    }

    static func head(title: String, meta: [(String, String)], charset: String) -> String {
        let m = meta.map { "<meta name=\"\($0.0)\" content=\"\(escape($0.1))\">" }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html><head>
            <meta http-equiv="Content-Type" content="text/html; charset=\(charset)">
            <title>\(escape(title))</title>
            \(m)
            <script src="/js/common.js"></script>
            </head>

            """
    }

    static func infoBlock(_ info: [(String, String)], _ markup: InfoMarkup) -> String {
        guard !info.isEmpty else { return "" }
        switch markup {
        case .table:
            let rows = info.map { "<tr><th>\($0.0)</th><td>\(escape($0.1))</td></tr>" }.joined()
            return "<div class=\"xxgk-info\"><table class=\"xxgk-table\">\(rows)</table></div>\n"
        case .strongParagraphs:
            return "<div class=\"xxgk-info\">"
                + info.map { "<p><strong>\($0.0)</strong>：\(escape($0.1))</p>" }.joined() + "</div>\n"
        case .spanList:
            return "<ul class=\"xxgk-info\">"
                + info.map { "<li><span>\($0.0)：</span>\(escape($0.1))</li>" }.joined() + "</ul>\n"
        }
    }

    static let footer = """
        <div class="footer"><p><a href="/lxwm/index.html">联系我们</a> | 主办：阿尔山市人民政府办公室　网站标识码：1522020001</p>
        <p>版权所有，未经许可不得转载</p></div>
        """

    /// Escapes `&`, `<`, `>` and `"` for HTML text and attributes.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
