// The parse stage alone: PageParser over preloaded pages on one core, for comparison with
// the benchmark kit's libxml2 + XPath program in C. Each page is parsed as the crawl parses
// it: listing pages (`index*.html`) as listings too, articles as articles.
//   govwatch-parse-bench FILES.txt   (one HTML file path per line)
import Foundation
import GovWatchParse

guard CommandLine.arguments.count == 2, let list = try? String(contentsOfFile: CommandLine.arguments[1], encoding: .utf8)
else {
    FileHandle.standardError.write(Data("usage: govwatch-parse-bench FILES.txt\n".utf8))
    exit(2)
}
let pages: [(String, [UInt8])] = list.split(separator: "\n").compactMap { path in
    FileManager.default.contents(atPath: String(path)).map { ("http://127.0.0.1/\(path)", Array($0)) }
}
let bytes = pages.reduce(0) { $0 + $1.1.count }
let parser = PageParser()
var best = Double.infinity
var fields = 0
for _ in 0..<2 {
    let start = DispatchTime.now().uptimeNanoseconds
    fields = 0
    for (url, body) in pages {
        let name = url[(url.lastIndex(of: "/") ?? url.startIndex)...]
        let role: ListingRole? = name.hasPrefix("/index") ? .column : nil
        guard let page = parser.parse(body, url: url, contentType: nil, listing: role) else { continue }
        let p = page.publication
        fields += p.meta.count + p.links.count + (p.info.indexNumber == nil ? 0 : 1) + (p.bodyText.isEmpty ? 0 : 1)
        fields += page.listing?.entries.count ?? 0
    }
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
print(
    String(
        format: "govwatch-swift parse+extract files=%d MB=%.1f wall=%.2fs pages/s=%.0f MB/s=%.1f fields=%d",
        pages.count, Double(bytes) / 1e6, best, Double(pages.count) / best, Double(bytes) / 1e6 / best, fields))
