/// Resolves the links of a page against its URL, without Foundation's `URL`.
///
/// A crawl resolves about thirty links per page; this handles what portals write (absolute,
/// scheme-relative, root-relative, relative with `./` and `../`) at a fraction of `URL`'s
/// cost, drops fragments, and refuses `javascript:`, `mailto:` and other non-web schemes.
/// It works on UTF-8 bytes and writes a resolved link straight into the new string's
/// storage, `..` and `.` segments removed in place: it is on the crawl's hot path.
public enum URLResolver {
    /// The absolute http(s) URL `href` points to from a page at `base`, or nil.
    public static func resolve(_ href: String, against base: String) -> String? {
        URLParts(base).flatMap { resolve(href, against: $0) }
    }

    /// `resolve(_:against:)` with the base already parsed, for the many links of one page.
    public static func resolve(_ href: String, against b: URLParts) -> String? {
        let link = href.trimmingWhitespace()
        var bytes = link
        return bytes.withUTF8 { whole -> String? in
            // The fragment is dropped.
            let ref = UnsafeBufferPointer(rebasing: whole[..<(whole.firstIndex(of: UInt8(ascii: "#")) ?? whole.count)])
            guard let first = ref.first else { return nil }
            if let colon = schemeEnd(ref) {
                guard isHTTP(UnsafeBufferPointer(rebasing: ref[..<colon])) else { return nil }
                return ref.count == whole.count ? link : String(decoding: ref, as: UTF8.self)
            }
            guard b.scheme == "http" || b.scheme == "https" else { return nil }
            if first == UInt8(ascii: "/"), ref.count > 1, ref[1] == UInt8(ascii: "/") {
                return b.scheme + ":" + String(decoding: ref, as: UTF8.self)
            }
            var origin = b.origin
            var rest = b.rest
            return origin.withUTF8 { origin -> String? in
                rest.withUTF8 { rest -> String? in
                    if first == UInt8(ascii: "/") { return joined(origin, UnsafeBufferPointer(start: nil, count: 0), ref, normalizing: true) }
                    // The base's path: its query and fragment dropped, `/` when it has none.
                    let pathEnd = rest.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? rest.count
                    let path = pathEnd > 0 ? UnsafeBufferPointer(rebasing: rest[..<pathEnd]) : Self.root
                    if first == UInt8(ascii: "?") { return joined(origin, path, ref, normalizing: false) }
                    // A relative path replaces what follows the base path's last `/`.
                    guard let slash = path.lastIndex(of: UInt8(ascii: "/")) else { return nil }
                    let directory = UnsafeBufferPointer(rebasing: path[...slash])
                    return joined(origin, directory, ref, normalizing: true)
                }
            }
        }
    }

    /// `/`, the path of a base with none.
    private static var root: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: ("/" as StaticString).utf8Start, count: 1) }

    /// `origin` + `head` + `tail` as one string, the path (after the origin) freed of dot
    /// segments when `normalizing`.
    private static func joined(
        _ origin: UnsafeBufferPointer<UInt8>, _ head: UnsafeBufferPointer<UInt8>, _ tail: UnsafeBufferPointer<UInt8>,
        normalizing: Bool
    ) -> String {
        String(unsafeUninitializedCapacity: origin.count + head.count + tail.count) { out in
            var n = 0
            func append(_ part: UnsafeBufferPointer<UInt8>) {
                guard let base = part.baseAddress, part.count > 0 else { return }
                (out.baseAddress! + n).update(from: base, count: part.count)
                n += part.count
            }
            append(origin)
            append(head)
            append(tail)
            guard normalizing else { return n }
            let path = UnsafeMutableBufferPointer(rebasing: out[origin.count..<n])
            return origin.count + removeDotSegments(path)
        }
    }

    /// The index of the `:` that ends an absolute URL's scheme, or nil for a relative reference.
    static func schemeEnd(_ link: UnsafeBufferPointer<UInt8>) -> Int? {
        for (n, c) in link.enumerated() {
            if c == UInt8(ascii: ":") { return n > 0 ? n : nil }
            let isSchemeChar =
                (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z"))
                || (n > 0 && ((c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")))
            guard isSchemeChar else { return nil }
        }
        return nil
    }

    /// `http` or `https`, in any case.
    private static func isHTTP(_ scheme: UnsafeBufferPointer<UInt8>) -> Bool {
        guard scheme.count == 4 || scheme.count == 5 else { return false }
        for (c, expected) in zip(scheme, "https".utf8) where c | 0x20 != expected { return false }
        return true
    }

    /// Removes `.` and `..` segments from an absolute path (RFC 3986 §5.2.4) in place,
    /// keeping the query; returns the new length. The result is never longer: each segment
    /// kept moves down to the end of the ones kept before it.
    static func removeDotSegments(_ p: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let queryStart = p.firstIndex(of: UInt8(ascii: "?")) ?? p.count
        guard hasDotSegment(UnsafeBufferPointer(rebasing: p[..<queryStart])) else { return p.count }
        // Segments follow the leading `/`; each kept one is written as `/` + segment.
        var written = 0
        var start = 1
        while true {
            let end = p[start..<queryStart].firstIndex(of: UInt8(ascii: "/")) ?? queryStart
            let isLast = end == queryStart
            let length = end - start
            let isDot = length == 1 && p[start] == UInt8(ascii: ".")
            let isDotDot = length == 2 && p[start] == UInt8(ascii: ".") && p[start + 1] == UInt8(ascii: ".")
            if isDotDot {
                // Back to the `/` that began the last kept segment.
                while written > 0 {
                    written -= 1
                    if p[written] == UInt8(ascii: "/") { break }
                }
            }
            if isDot || isDotDot {
                // A path ending in `.` or `..` names a directory: it keeps its closing `/`.
                if isLast {
                    p[written] = UInt8(ascii: "/")
                    written += 1
                }
            } else {
                p[written] = UInt8(ascii: "/")
                for i in 0..<length { p[written + 1 + i] = p[start + i] }
                written += 1 + length
            }
            if isLast { break }
            start = end + 1
        }
        if written == 0 {
            p[0] = UInt8(ascii: "/")
            written = 1
        }
        let query = p.count - queryStart
        for i in 0..<query { p[written + i] = p[queryStart + i] }
        return written + query
    }

    /// True when a path segment is `.` or `..`.
    private static func hasDotSegment(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous = UInt8(ascii: "/")
        var dots = 0
        for c in bytes {
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
