import Foundation
import GovWatchCore

/// Reads a page as a column listing: dated entries and the listing's other pages.
enum ListingExtractor {
    /// - Parameter links: the page's links, already resolved.
    static func listing(url: String, walker: PageWalker, links: [(url: String, text: String)]) -> ListingPage {
        var entries: [ListingEntry] = []
        var seen = Set<String>()
        for item in walker.items {
            guard let date = DateScanner.firstDate(in: item.otherText) ?? DateScanner.firstDate(in: item.linkText),
                let absolute = URLResolver.resolve(item.href, against: url), seen.insert(absolute).inserted
            else { continue }
            let title = item.linkTitle.flatMap { $0.isEmpty ? nil : $0 } ?? item.linkText
            entries.append(ListingEntry(title: title.trimmingWhitespace(), url: absolute, date: date.date))
        }
        return ListingPage(url: url, entries: entries, pageURLs: pageURLs(url: url, walker: walker, links: links))
    }

    /// The pages of the listing `url` belongs to: pager links of the form `index_N.html` in
    /// the same directory, and the pages a TRS `createPageHTML(count, current, "index", "html")`
    /// call announces.
    static func pageURLs(url: String, walker: PageWalker, links: [(url: String, text: String)]) -> [String] {
        guard let directory = directory(of: url) else { return [] }
        var pages: [Int: String] = [:]
        for (absolute, _) in links where absolute.hasPrefix(directory) {
            let name = absolute.dropFirst(directory.count)
            if let n = pageNumber(of: name) { pages[n] = absolute }
        }
        for script in walker.scripts {
            guard let call = TRSPager(script: script) else { continue }
            for n in 0..<call.count {
                pages[n] = directory + (n == 0 ? "\(call.prefix).\(call.ext)" : "\(call.prefix)_\(n).\(call.ext)")
            }
        }
        return pages.keys.sorted().map { pages[$0]! }
    }

    private static func directory(of url: String) -> String? {
        guard let slash = url.lastIndex(of: "/") else { return nil }
        return String(url[...slash])
    }

    /// 0 for `index.html`, N for `index_N.html` (also `.htm`, `.shtml`).
    private static func pageNumber(of name: Substring) -> Int? {
        guard name.hasPrefix("index"), let dot = name.lastIndex(of: ".") else { return nil }
        let ext = name[name.index(after: dot)...]
        guard ext == "html" || ext == "htm" || ext == "shtml" else { return nil }
        let stem = name[name.index(name.startIndex, offsetBy: 5)..<dot]
        if stem.isEmpty { return 0 }
        guard stem.first == "_", let n = Int(stem.dropFirst()), n >= 0 else { return nil }
        return n
    }
}

/// The arguments of a TRS `createPageHTML(count, current, "index", "html")` call.
struct TRSPager {
    var count: Int
    var prefix: String
    var ext: String

    /// Largest page count believed: a listing that claims more is capped by the crawler anyway.
    static let maxCount = 100_000

    init?(script: String) {
        guard let start = script.range(of: "createPageHTML(") else { return nil }
        let argsText = script[start.upperBound...].prefix { $0 != ")" }
        let args = argsText.split(separator: ",").map {
            $0.trimmingWhitespace().trimmingCharacters(in: "\"'")
        }
        guard let count = args.compactMap({ Int($0) }).first, count > 0,
            let extIndex = args.firstIndex(where: { ["html", "htm", "shtml"].contains($0) }), extIndex > 0
        else { return nil }
        self.count = min(count, Self.maxCount)
        prefix = args[extIndex - 1]
        ext = args[extIndex]
        guard !prefix.isEmpty, !prefix.contains("/") else { return nil }
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
