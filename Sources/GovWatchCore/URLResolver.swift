/// Resolves the links of a page against its URL, without Foundation's `URL`.
///
/// A crawl resolves about thirty links per page; this handles what portals write (absolute,
/// scheme-relative, root-relative, relative with `./` and `../`) at a fraction of `URL`'s
/// cost, drops fragments, and refuses `javascript:`, `mailto:` and other non-web schemes.
public enum URLResolver {
    /// The absolute http(s) URL `href` points to from a page at `base`, or nil.
    public static func resolve(_ href: String, against base: String) -> String? {
        URLParts(base).flatMap { resolve(href, against: $0) }
    }

    /// `resolve(_:against:)` with the base already parsed, for the many links of one page.
    public static func resolve(_ href: String, against b: URLParts) -> String? {
        var link = href.trimmingWhitespace()
        if let hash = link.firstIndex(of: "#") { link = String(link[..<hash]) }
        guard !link.isEmpty else { return nil }
        if let colon = link.firstIndex(of: ":"),
            link[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-") })
        {
            let scheme = link[..<colon].lowercased()
            guard scheme == "http" || scheme == "https" else { return nil }
            return link
        }
        guard b.scheme == "http" || b.scheme == "https" else { return nil }
        if link.hasPrefix("//") { return "\(b.scheme):\(link)" }
        let origin = "\(b.scheme)://\(b.hostAndPort)"
        if link.hasPrefix("/") { return origin + normalize(link) }
        var basePath = b.rest
        if let q = basePath.firstIndex(where: { $0 == "?" || $0 == "#" }) { basePath = String(basePath[..<q]) }
        if basePath.isEmpty { basePath = "/" }
        if link.hasPrefix("?") { return origin + basePath + link }
        let directory = basePath[...basePath.lastIndex(of: "/")!]
        return origin + normalize(directory + link)
    }

    /// Removes `.` and `..` segments from an absolute path (RFC 3986 §5.2.4), keeping the query.
    static func normalize(_ pathAndQuery: String) -> String {
        var path = pathAndQuery
        var query = ""
        if let q = path.firstIndex(of: "?") {
            query = String(path[q...])
            path = String(path[..<q])
        }
        guard path.contains("./") || path.hasSuffix("/.") || path.hasSuffix("/..") else { return path + query }
        var out: [Substring] = []
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (i, part) in parts.enumerated() {
            let last = i == parts.count - 1
            switch part {
            case ".": if last { out.append("") }
            case "..":
                if !out.isEmpty { out.removeLast() }
                if last { out.append("") }
            default: out.append(part)
            }
        }
        return "/" + out.joined(separator: "/") + query
    }
}
