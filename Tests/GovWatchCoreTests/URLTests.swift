import Testing

@testable import GovWatchCore

@Suite struct URLResolverTests {
    static let base = "http://www.aes.gov.cn/zwgk/zcwj/202503/t20250305_1.html"

    @Test(arguments: [
        ("/index.html", "http://www.aes.gov.cn/index.html"),
        ("t20250306_2.html", "http://www.aes.gov.cn/zwgk/zcwj/202503/t20250306_2.html"),
        ("./t2.html#top", "http://www.aes.gov.cn/zwgk/zcwj/202503/t2.html"),
        ("../../zcjd/index.html", "http://www.aes.gov.cn/zwgk/zcjd/index.html"),
        ("../../../../x.html", "http://www.aes.gov.cn/x.html"),
        ("//img.aes.gov.cn/a.png", "http://img.aes.gov.cn/a.png"),
        ("https://www.gov.cn/zhengce/", "https://www.gov.cn/zhengce/"),
        ("?page=2", "http://www.aes.gov.cn/zwgk/zcwj/202503/t20250305_1.html?page=2"),
        ("P020250305.pdf", "http://www.aes.gov.cn/zwgk/zcwj/202503/P020250305.pdf"),
        ("a/./b/../c.html?x=../y", "http://www.aes.gov.cn/zwgk/zcwj/202503/a/c.html?x=../y"),
        ("..", "http://www.aes.gov.cn/zwgk/zcwj/"),
        (".", "http://www.aes.gov.cn/zwgk/zcwj/202503/"),
        ("/a/../../b", "http://www.aes.gov.cn/b"),
        (" HTTPS://www.gov.cn/a#b ", "HTTPS://www.gov.cn/a"),
        ("附件/通知.pdf", "http://www.aes.gov.cn/zwgk/zcwj/202503/附件/通知.pdf"),
    ])
    func resolves(href: String, expected: String) {
        #expect(URLResolver.resolve(href, against: Self.base) == expected)
    }

    @Test(arguments: ["javascript:void(0)", "mailto:a@b.cn", "#", "", "  ", "file:///etc/passwd", "tel:0482"])
    func refuses(href: String) {
        #expect(URLResolver.resolve(href, against: Self.base) == nil)
    }
}

@Suite struct CrawlScopeTests {
    let scope = CrawlScope(hosts: ["127.0.0.1:8780", "www.aes.gov.cn"])

    @Test func allowsTheProbesHosts() {
        #expect(scope.allows("http://127.0.0.1:8780/index.html"))
        #expect(scope.allows("http://www.aes.gov.cn/a.html"))
        #expect(scope.allows("https://WWW.AES.GOV.CN:443/a.html"))
    }

    @Test func refusesEverythingElse() {
        #expect(scope.refusal(for: "http://127.0.0.2:8780/") == "host 127.0.0.2:8780 is outside the probe's scope")
        #expect(scope.refusal(for: "http://127.0.0.1:8781/") == "host 127.0.0.1:8781 is outside the probe's scope")
        #expect(scope.refusal(for: "file:///etc/passwd") == "scheme file is not allowed")
        #expect(scope.refusal(for: "ftp://www.aes.gov.cn/") == "scheme ftp is not allowed")
        #expect(!scope.allows("http://evil.example@127.0.0.2:8780/"))
    }

    /// Most URLs are admitted by a byte prefix (`http://127.0.0.1:8780` + `/`), without parsing;
    /// the answer must be the parse's for every entry and URL, including entries a prefix
    /// cannot stand for (a default port, a leading zero, brackets, a user, capitals).
    @Test func aPrefixAdmitsExactlyWhatTheParseAdmits() {
        let entries = ["127.0.0.1:8780", "www.aes.gov.cn", "h:80", "h:443", "h:0443", "[::1]:8780", "x@y", "例子.中国", "H:8080", ""]
        let urls = [
            "http://127.0.0.1:8780", "http://127.0.0.1:8780/", "http://127.0.0.1:8780?x", "http://127.0.0.1:8780#f",
            "http://127.0.0.1:87801/", "http://127.0.0.1:8780.evil/", "http://127.0.0.1:8780@127.0.0.2/", "https://127.0.0.1:8780/a",
            "HTTP://127.0.0.1:8780/", "http://www.aes.gov.cn/a.html", "http://www.aes.gov.cn.evil/", "http://www.aes.gov.cn:80/",
            "http://h/", "http://h:80/", "https://h:80/", "https://h:443/", "http://h:443/", "https://h:0443/", "http://[::1]:8780/",
            "http://x@y/", "http://y/", "http://例子.中国/首页.html", "http://h:8080/", "http:///x", "ftp://h/", "file:///etc/passwd",
        ]
        for entry in entries {
            let scope = CrawlScope(hosts: [entry])
            for url in urls {
                #expect(scope.refusal(for: url) == scope.parsedRefusal(for: url), "\(entry) \(url)")
            }
        }
    }

    @Test func partsOfAURL() throws {
        let p = try #require(URLParts("HTTPS://user:pw@WWW.Aes.Gov.CN:8443/a/b.html?x=1#top"))
        #expect(p.scheme == "https" && p.host == "www.aes.gov.cn" && p.port == 8443 && p.rest == "/a/b.html?x=1#top")
        #expect(p.origin == "https://www.aes.gov.cn:8443")
        let v6 = try #require(URLParts("http://[::1]:8780"))
        #expect(v6.host == "::1" && v6.port == 8780 && v6.rest == "" && v6.hostAndPort == "[::1]:8780")
        let plain = try #require(URLParts("http://127.0.0.1/"))
        #expect(plain.port == nil && plain.isDefaultPort && plain.hostAndPort == "127.0.0.1")
        #expect(URLParts("http://例子.中国/首页.html")?.host == "例子.中国")
        #expect(URLParts("mailto:gk@aes.gov.cn").map { ($0.scheme, $0.host, $0.rest) } ?? ("", "?", "") == ("mailto", "", "gk@aes.gov.cn"))
        #expect(URLParts("http://127.0.0.1:80x/") == nil)  // a port that is not a number
        #expect(URLParts(":8780/") == nil && URLParts("/zwgk/index.html") == nil && URLParts("首页:1") == nil)
    }
}

@Suite struct UnitResolverTests {
    let resolver = UnitResolver(units: [
        UnitDefinition(id: "szfb", name: "市政府办公室", fullName: "阿尔山市人民政府办公室", aliases: ["阿尔山市人民政府"], type: .city),
        UnitDefinition(id: "wcgz", name: "五岔沟镇", fullName: "阿尔山市五岔沟镇人民政府", type: .town),
    ])

    @Test func namedUnitWinsOverTheColumnOwner() {
        #expect(resolver.unitID(naming: ["阿尔山市五岔沟镇人民政府"], fallback: "szfb") == "wcgz")
        #expect(resolver.unitID(naming: [nil, " 五岔沟镇 "], fallback: "szfb") == "wcgz")
        #expect(resolver.unitID(naming: ["阿尔山市人民政府"], fallback: "wcgz") == "szfb")
    }

    @Test func unknownNamesFallBack() {
        #expect(resolver.unitID(naming: ["阿尔山市应急管理局", ""], fallback: "szfb") == "szfb")
        #expect(resolver.unitID(naming: [], fallback: nil) == nil)
    }
}

@Suite struct FileExtensionTests {
    @Test(arguments: [
        ("http://h/a/P0201.PDF", "pdf"), ("http://h/a/b.html?x=1.doc", "html"), ("http://h/a/", nil),
        ("http://h/a.b/c", nil), ("http://h/x.", nil), ("http://h/f.verylongext", nil), ("http://h/t.docx#p", "docx"),
    ] as [(String, String?)])
    func extensions(url: String, expected: String?) {
        #expect(FileExtension.of(url) == expected)
    }

    /// A set answers for a URL what its extension string would answer in a set of strings,
    /// in any case, with a query, a fragment, no extension, or one of 8 bytes and of 9.
    @Test func aSetAnswersAsTheExtensionsStringWould() {
        let names = ["pdf", "docx", "html", "abcdefgh"]
        let set: FileExtensionSet = ["pdf", "DOCX", "html", "abcdefgh"]
        let urls = [
            "http://h/a/P0201.PDF", "http://h/a/b.html?x=1.doc", "http://h/a/", "http://h/a.b/c", "http://h/x.",
            "http://h/t.docx#p", "http://h/t.doc", "http://h/t.abcdefgh", "http://h/t.abcdefghi", "http://h/t.bcdefgh",
            "http://h/附件.pdf", "http://h/a.pdf/", "http://h/a.pdf?", "http://h/a.pdfx", "http://h/a.Pdf", "http://h/a.pdé",
        ]
        for url in urls {
            let ext = FileExtension.of(url)
            #expect(set.contains(extensionOf: url) == (ext.map(names.contains) ?? false), "\(url)")
            #expect(set.contains(extensionOf: url, whenNone: true) == (ext.map(names.contains) ?? true), "\(url)")
        }
        #expect(set.contains("PDF") && set.contains("docx") && !set.contains("doc") && !set.contains("") && !set.contains("abcdefghi"))
        #expect(!set.contains("pdé"))
    }
}

@Suite struct PagerTests {
    @Test func pagesComeFromTheTemplatesFirstNumberSlot() {
        let trs = Pager(template: "http://h/xwzx/index_{n}.html", second: 1, count: 4)
        #expect(trs.urls(limit: 100) == ["http://h/xwzx/index_1.html", "http://h/xwzx/index_2.html", "http://h/xwzx/index_3.html"])
        #expect(trs.urls(limit: 3) == ["http://h/xwzx/index_1.html", "http://h/xwzx/index_2.html"])
        #expect(trs.url(ofPage: 4) == "http://h/xwzx/index_3.html")
        let query = Pager(template: "http://h/list?page={n}&size={n}&q={x}", second: 2, count: 3)
        #expect(query.urls(limit: 10) == ["http://h/list?page=2&size={n}&q={x}", "http://h/list?page=3&size={n}&q={x}"])
        let braces = Pager(template: "http://h/{a}/{n}", second: 2, count: 2)
        #expect(braces.url(ofPage: 2) == "http://h/{a}/2")
        #expect(Pager(template: "http://h/static.html", second: 2, count: 3).urls(limit: 10) == ["http://h/static.html", "http://h/static.html"])
        #expect(Pager(template: "http://h/{n}", second: 1, count: 1).urls(limit: 10).isEmpty)
    }

    @Test func aTemplateKnowsItsOwnPagesAndNoOthers() {
        let trs = Pager(template: "http://h/xwzx/index_{n}.html", second: 1, count: 148)
        for k in 2...148 { #expect(trs.contains(trs.url(ofPage: k)), "page \(k)") }
        for other in [
            "http://h/xwzx/index_0.html", "http://h/xwzx/index_148.html", "http://h/xwzx/index_01.html", "http://h/xwzx/index_.html",
            "http://h/xwzx/index_-1.html", "http://h/xwzx/index_1a.html", "http://h/xwzx/index.html", "http://h/xwzx/index_1.htm",
            "http://h/yw/index_1.html", "http://h/xwzx/index_99999999999999999999.html", "",
        ] {
            #expect(!trs.contains(other), "\(other)")
        }
        let query = Pager(template: "http://h/list?page={n}", second: 2, count: 3)
        #expect(query.contains("http://h/list?page=2") && query.contains("http://h/list?page=3"))
        #expect(!query.contains("http://h/list?page=1") && !query.contains("http://h/list?page=4"))
        #expect(!Pager(template: "http://h/static.html", second: 2, count: 3).contains("http://h/static.html"))
        #expect(!Pager(template: "http://h/{n}", second: 1, count: 1).contains("http://h/1"))
        let page = ListingPage(url: "http://h/xwzx/index_5.html", entries: [], pager: trs, pageLinks: ["http://h/xwzx/more.html"])
        #expect(page.isPage("http://h/xwzx/index_5.html") && page.isPage("http://h/xwzx/more.html") && page.isPage("http://h/xwzx/index_147.html"))
        #expect(!page.isPage("http://h/xwzx/a.html"))
    }
}
