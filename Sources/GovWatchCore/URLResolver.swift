/// Resolves the links of a page against its URL, without Foundation's `URL`.
///
/// A crawl resolves about thirty links per page; this handles what portals write (absolute,
/// scheme-relative, root-relative, relative with `./` and `../`) at a fraction of `URL`'s
/// cost, drops fragments, and refuses `javascript:`, `mailto:` and other non-web schemes.
/// It works on UTF-8 bytes: it is on the crawl's hot path.
public enum URLResolver {
    /// The absolute http(s) URL `href` points to from a page at `base`, or nil.
    public static func resolve(_ href: String, against base: String) -> String? {
        URLParts(base).flatMap { resolve(href, against: $0) }
    }

    /// `resolve(_:against:)` with the base already parsed, for the many links of one page.
    public static func resolve(_ href: String, against b: URLParts) -> String? {
        var link = href.trimmingWhitespace()
        if let hash = link.utf8.firstIndex(of: UInt8(ascii: "#")) { link = String(link[..<hash]) }
        guard let first = link.utf8.first else { return nil }
        if let scheme = schemeOf(link) {
            guard scheme == "http" || scheme == "https" else { return nil }
            return link
        }
        guard b.scheme == "http" || b.scheme == "https" else { return nil }
        if first == UInt8(ascii: "/") {
            if link.utf8.dropFirst().first == UInt8(ascii: "/") { return b.scheme + ":" + link }
            return b.origin + normalize(link)
        }
        var basePath = b.rest
        if let q = basePath.utf8.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            basePath = String(basePath[..<q])
        }
        if basePath.isEmpty { basePath = "/" }
        if first == UInt8(ascii: "?") { return b.origin + basePath + link }
        let slash = basePath.utf8.lastIndex(of: UInt8(ascii: "/"))!
        return b.origin + normalize(basePath[...slash] + link)
    }

    /// The lower-cased scheme of an absolute URL, or nil for a relative reference.
    static func schemeOf(_ link: String) -> String? {
        var n = 0
        for c in link.utf8 {
            if c == UInt8(ascii: ":") { return n > 0 ? String(link.utf8.prefix(n))!.lowercased() : nil }
            let isSchemeChar =
                (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z"))
                || (n > 0 && ((c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")))
            guard isSchemeChar else { return nil }
            n += 1
        }
        return nil
    }

    /// Removes `.` and `..` segments from an absolute path (RFC 3986 §5.2.4), keeping the query.
    static func normalize(_ pathAndQuery: String) -> String {
        guard hasDotSegment(pathAndQuery.utf8) else { return pathAndQuery }
        var path = pathAndQuery
        var query = ""
        if let q = path.firstIndex(of: "?") {
            query = String(path[q...])
            path = String(path[..<q])
        }
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

    /// True when a path segment is `.` or `..` (before any query).
    private static func hasDotSegment(_ bytes: String.UTF8View) -> Bool {
        var previous = UInt8(ascii: "/")
        var dots = 0
        for c in bytes {
            if c == UInt8(ascii: "?") { break }
            if c == UInt8(ascii: ".") && (previous == UInt8(ascii: "/") || dots > 0) {
                dots += 1
            } else if c == UInt8(ascii: "/") {
                if dots == 1 || dots == 2 { return true }
                dots = 0
            } else {
                dots = 0
            }
            previous = c
        }
        return dots == 1 || dots == 2
    }
}
