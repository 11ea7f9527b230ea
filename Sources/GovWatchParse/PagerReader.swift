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
    private static let pagerWords = ShortWords(nextWords.union(["尾页", "末页", "最后一页", "上一页", "上页", "前页", "首页", "第一页"]))

    /// Names of pager pages: `index_2.html`, `list-3.shtml`.
    private static let pageStems: Set<Substring> = ["index", "list", "default", "more", "page", "List", "Index"]
    /// Query parameters that carry a page number.
    private static let pageParameters: Set<Substring> = [
        "page", "pageNum", "pagenum", "pageNo", "pageno", "pageIndex", "pageindex", "PageIndex", "currentPage", "curPage",
        "cpage", "p", "pn", "Page",
    ]

    /// The URL with its page number replaced by `{n}`, and the number. Hand-written (no
    /// regular expression) and searching UTF-8 bytes, not characters (the delimiters are
    /// ASCII): it runs on every pager link of every listing page.
    static func template(of url: String) -> (String, Int)? {
        let bytes = url.utf8
        let query = bytes.firstIndex(of: UInt8(ascii: "?"))
        if let query {
            var start = url.index(after: query)
            while start < url.endIndex {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? url.endIndex
                if let eq = bytes[start..<end].firstIndex(of: UInt8(ascii: "=")), pageParameters.contains(url[start..<eq]) {
                    let value = url[url.index(after: eq)..<end]
                    if let n = Int(value), value.allSatisfy(\.isASCII) {
                        return (String(url[..<url.index(after: eq)]) + "{n}" + url[end...], n)
                    }
                }
                start = end < url.endIndex ? url.index(after: end) : end
            }
        }
        let path = bytes[..<(query ?? url.endIndex)]
        guard let slash = path.lastIndex(of: UInt8(ascii: "/")), let dot = path.lastIndex(of: UInt8(ascii: ".")), dot > slash
        else { return nil }
        let name = url[url.index(after: slash)..<dot]
        guard let sep = name.utf8.lastIndex(where: { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }),
            pageStems.contains(name[..<sep])
        else { return nil }
        let digits = name[name.index(after: sep)...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits) else { return nil }
        return (String(url[...sep]) + "{n}" + url[dot...], n)
    }

    /// `共N页`, `第1/N页`, `1/N页`, or `共N条` with `每页M条` (else this page's entry count).
    static func announcedCount(in text: String, entriesOnPage: Int) -> Int? {
        let s = Array(text.unicodeScalars)
        if let n = number(in: s, after: "共", before: "页") { return n }
        if let n = number(in: s, after: "/", before: "页") { return n }
        if let total = number(in: s, after: "共", before: "条") {
            let size = number(in: s, after: "每页", before: "条") ?? entriesOnPage
            guard size > 0 else { return nil }
            return (total + size - 1) / size
        }
        return nil
    }

    /// The number written between `prefix` and `suffix` (spaces allowed around it).
    private static func number(in s: [Unicode.Scalar], after prefix: String, before suffix: Unicode.Scalar) -> Int? {
        let p = Array(prefix.unicodeScalars)
        var i = 0
        while i + p.count < s.count {
            defer { i += 1 }
            guard s[i] == p[0], Array(s[i..<(i + p.count)]) == p else { continue }
            var j = i + p.count
            while j < s.count, s[j] == " " || s[j] == "\u{A0}" { j += 1 }
            var value = 0
            var digits = 0
            while j < s.count, s[j].value >= 0x30, s[j].value <= 0x39, digits < 7 {
                value = value * 10 + Int(s[j].value - 0x30)
                digits += 1
                j += 1
            }
            while j < s.count, s[j] == " " || s[j] == "\u{A0}" { j += 1 }
            if digits > 0, j < s.count, s[j] == suffix { return value }
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
        func isIdentifier(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x5F || c == 0x24
        }
        let needle = Array(name.utf8)
        var found: Int?
        for script in scripts {
            let b = Array(script.utf8)
            var i = 0
            while i + needle.count <= b.count {
                defer { i += 1 }
                guard b[i] == needle[0], (i == 0 || !isIdentifier(b[i - 1])), Array(b[i..<(i + needle.count)]) == needle else { continue }
                var j = i + needle.count
                guard j >= b.count || !isIdentifier(b[j]) else { continue }
                while j < b.count, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
                guard j < b.count, b[j] == 0x3D, j + 1 >= b.count || b[j + 1] != 0x3D else { continue }  // `=`, not `==`
                j += 1
                while j < b.count, b[j] == 0x20 || b[j] == 0x09 || b[j] == 0x22 || b[j] == 0x27 { j += 1 }
                var value = 0
                var digits = 0
                while j < b.count, b[j] >= 0x30, b[j] <= 0x39, digits < 9 {
                    value = value * 10 + Int(b[j] - 0x30)
                    digits += 1
                    j += 1
                }
                if digits > 0 { found = value }
            }
        }
        return found
    }
}

extension StringProtocol where UTF8View: BidirectionalCollection {
    /// The text without the ASCII characters of `set` at either end (byte-wise: an ASCII byte
    /// is never part of a longer UTF-8 character).
    func trimmingCharacters(in set: String) -> String {
        let drop = set.utf8
        return String(decoding: utf8[utf8.rangeTrimming(drop.contains)], as: UTF8.self)
    }
}
