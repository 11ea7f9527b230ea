import Foundation
import GovWatchCore

/// Reads how a listing reaches its other pages, in the forms government CMSs write:
///
/// - TRS `createPageHTML(count, current, "index", "html")`, with literals or with variables
///   assigned earlier on the page (`var countPage = 3;`);
/// - links named 下一页 / 尾页 / page numbers to `index_N`, `list_N`, `?page=N`, `&pageNum=N` …,
///   whose URLs give the template;
/// - counts in the text: `共N页`, `第1/N页`, `共N条` with `每页M条` (or this page's entry count).
///
/// The count believed is capped at `cap` (the probe's `max_listing_pages`): a pager that
/// announces a million pages costs one small row, and the crawl stops at the first missing page.
enum PagerReader {
    static func read(
        url: String, scripts: [String], links: [(url: String, text: String)], text: String, entriesOnPage: Int, cap: Int
    ) -> (pager: Pager?, links: [String]) {
        let directory = url.lastIndex(of: "/").map { String(url[...$0]) } ?? url
        var pager = scripts.lazy.compactMap { TRSPager(script: $0, scripts: scripts) }.first.map {
            Pager(template: directory + "\($0.prefix)_{n}.\($0.ext)", second: 1, count: $0.count)
        }
        var extra: [String] = []
        var byTemplate: [String: [(number: Int, text: String)]] = [:]
        for link in links {
            let t = link.text.trimmingWhitespace()
            let isNumber = !t.isEmpty && t.utf8.count <= 5 && t.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            guard isNumber || Self.pagerWords.contains(t), link.url != url else { continue }
            if let (template, number) = Self.template(of: link.url) {
                byTemplate[template, default: []].append((number, t))
            } else if Self.nextWords.contains(t), extra.count < ListingPage.maxPageLinks {
                extra.append(link.url)
            }
        }
        if pager == nil, let (template, found) = byTemplate.max(by: { $0.value.count < $1.value.count }) {
            let second =
                found.first { $0.text == "2" }?.number
                ?? (template.contains("index_{n}") || template.contains("index-{n}") ? 1 : 2)
            let highest = found.map { link -> Int in
                if let shown = Int(link.text) { return shown }
                return link.number - second + 2
            }.max() ?? 2
            pager = Pager(template: template, second: second, count: max(highest, 2))
        }
        if let announced = announcedCount(in: text, entriesOnPage: entriesOnPage), pager != nil {
            pager!.count = max(pager!.count, announced)
        }
        if pager != nil { pager!.count = min(pager!.count, cap) }
        return (pager, extra)
    }

    private static let nextWords: Set<String> = ["下一页", "下页", "后页", ">", ">>", "»"]
    private static let pagerWords: Set<String> = nextWords.union(["尾页", "末页", "最后一页", "上一页", "上页", "前页", "首页", "第一页"])

    /// The URL with its page number replaced by `{n}`, and the number.
    static func template(of url: String) -> (String, Int)? {
        if let m = url.firstMatch(of: #/^(.*/(?:index|list|default|more|page|List|Index)[_-])(\d+)(\.[A-Za-z]+(?:\?.*)?)$/#),
            let n = Int(m.2)
        {
            return ("\(m.1){n}\(m.3)", n)
        }
        if let m = url.firstMatch(
            of: #/^(.*[?&](?:page|pageNum|pagenum|pageNo|pageno|pageIndex|pageindex|PageIndex|currentPage|curPage|cpage|p|pn|Page)=)(\d+)(.*)$/#),
            let n = Int(m.2)
        {
            return ("\(m.1){n}\(m.3)", n)
        }
        return nil
    }

    /// `共N页`, `第1/N页`, `1/N页`, or `共N条` with `每页M条` (else this page's entry count).
    static func announcedCount(in text: String, entriesOnPage: Int) -> Int? {
        if let m = text.firstMatch(of: #/共\s*(\d+)\s*页/#), let n = Int(m.1) { return n }
        if let m = text.firstMatch(of: #/(?:第\s*)?\d+\s*/\s*(\d+)\s*页/#), let n = Int(m.1) { return n }
        if let m = text.firstMatch(of: #/共\s*(\d+)\s*条/#), let total = Int(m.1) {
            let size = text.firstMatch(of: #/每页\s*(\d+)\s*条/#).flatMap { Int($0.1) } ?? entriesOnPage
            guard size > 0 else { return nil }
            return (total + size - 1) / size
        }
        return nil
    }
}

/// The arguments of a TRS `createPageHTML(count, current, "index", "html")` call; a count
/// given by a variable is read from its assignment in the page's scripts.
struct TRSPager {
    var count: Int
    var prefix: String
    var ext: String

    /// Largest count parsed before the probe's cap applies.
    static let maxCount = 100_000

    init?(script: String, scripts: [String] = []) {
        guard let start = script.range(of: "createPageHTML(") else { return nil }
        let argsText = script[start.upperBound...].prefix { $0 != ")" }
        let args = argsText.split(separator: ",").map { $0.trimmingWhitespace().trimmingCharacters(in: "\"'") }
        let values = args.map { arg in Int(arg) ?? Self.assignment(of: arg, in: [script] + scripts) }
        guard let count = values.compactMap({ $0 }).first, count > 0,
            let extIndex = args.firstIndex(where: { ["html", "htm", "shtml"].contains($0) }), extIndex > 0
        else { return nil }
        self.count = min(count, Self.maxCount)
        prefix = args[extIndex - 1]
        ext = args[extIndex]
        guard !prefix.isEmpty, !prefix.contains("/"), !prefix.contains(" ") else { return nil }
    }

    /// The number last assigned to `name` (`var name = 3;`, `name=3`), if `name` is an identifier.
    private static func assignment(of name: String, in scripts: [String]) -> Int? {
        guard let first = name.first, first.isLetter || first == "_",
            name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" })
        else { return nil }
        var found: Int?
        for script in scripts {
            for m in script.matches(of: #/(?:^|var\s+|let\s+|[;\s{(,])([A-Za-z_$][\w$]*)\s*=\s*"?(\d+)"?/#) where m.1 == name {
                found = Int(m.2)
            }
        }
        return found
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
