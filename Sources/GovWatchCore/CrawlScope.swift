/// Which URLs a probe may fetch: http(s) on the probe's own hosts, nothing else.
///
/// A redirect is followed only when its target passes `allows`; file://, other hosts and
/// other ports are refused with a reason that goes into the fetch record.
public struct CrawlScope: Sendable, Hashable {
    /// Lower-cased `host` or `host:port` entries.
    public let hosts: Set<String>

    /// `http://entry` and `https://entry` for every entry that parsing a URL gives back
    /// byte for byte: a URL that starts with one, followed by `/`, `?`, `#` or its end, is in
    /// scope without being parsed (a crawl asks this of every link of every page).
    private let prefixes: [[UInt8]]

    public init(hosts: [String]) {
        self.hosts = Set(hosts.map { $0.lowercased() })
        prefixes = self.hosts.sorted().flatMap { entry in
            [("http", 80), ("https", 443)].compactMap { scheme, defaultPort in
                Self.readsBackAsItself(entry, defaultPort: defaultPort) ? Array("\(scheme)://\(entry)".utf8) : nil
            }
        }
    }

    /// True when `URLParts` of `scheme://entry/` has `hostAndPort == entry`: plain ASCII
    /// with no user, brackets or path, and a port (if any) written as `URLParts` writes it.
    private static func readsBackAsItself(_ entry: String, defaultPort: Int) -> Bool {
        let bytes = Array(entry.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 < 0x80 && !"@[]/?#\\".utf8.contains($0) }) else { return false }
        let parts = entry.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return parts.count == 1 }
        guard let port = Int(parts[1]), port != defaultPort, String(port) == parts[1] else { return false }
        return true
    }

    /// Nil when `url` may be fetched, else why not.
    public func refusal(for url: String) -> String? {
        startsWithAPrefix(url) ? nil : parsedRefusal(for: url)
    }

    /// `refusal(for:)` by parsing the URL, as it is for every URL no prefix admits.
    func parsedRefusal(for url: String) -> String? {
        guard let parts = URLParts(url) else { return "not a URL: \(url)" }
        guard parts.scheme == "http" || parts.scheme == "https" else {
            return "scheme \(parts.scheme) is not allowed"
        }
        if hosts.contains(parts.hostAndPort) || (parts.isDefaultPort && hosts.contains(parts.host)) {
            return nil
        }
        return "host \(parts.hostAndPort) is outside the probe's scope"
    }

    public func allows(_ url: String) -> Bool { refusal(for: url) == nil }

    private func startsWithAPrefix(_ url: String) -> Bool {
        var url = url
        return url.withUTF8 { bytes in
            prefixes.contains { prefix in
                guard bytes.starts(with: prefix) else { return false }
                guard bytes.count > prefix.count else { return true }
                let next = bytes[prefix.count]
                return next == UInt8(ascii: "/") || next == UInt8(ascii: "?") || next == UInt8(ascii: "#")
            }
        }
    }
}

/// The scheme, host and port of an absolute URL, parsed without Foundation.
public struct URLParts: Sendable, Hashable {
    public let scheme: String
    public let host: String
    public let port: Int?
    /// Path, query and fragment, starting with `/` (or empty).
    public let rest: String
    /// `scheme://host[:port]`, with the port only when it is not the scheme's default; made
    /// once (every link of a page is resolved against it).
    public let origin: String

    /// Parses over the UTF-8 bytes, copying only the parts it keeps: a crawl parses every
    /// link of every page for its scope check.
    public init?(_ url: String) {
        let bytes = url.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > bytes.startIndex,
            bytes[..<colon].allSatisfy({ Self.isAlphanumeric($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") })
        else { return nil }
        scheme = Self.lowercased(url[..<colon])
        let afterScheme = bytes.index(after: colon)
        guard bytes[afterScheme...].starts(with: "//".utf8) else {
            host = ""
            port = nil
            rest = String(url[afterScheme...])
            origin = scheme + "://"
            return
        }
        let authorityStart = bytes.index(afterScheme, offsetBy: 2)
        let end =
            bytes[authorityStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
            ?? bytes.endIndex
        var start = authorityStart
        if let at = bytes[start..<end].lastIndex(of: UInt8(ascii: "@")) { start = bytes.index(after: at) }
        rest = String(url[end...])
        if start < end, bytes[start] == UInt8(ascii: "["), let close = bytes[start..<end].firstIndex(of: UInt8(ascii: "]")) {
            host = Self.lowercased(url[bytes.index(after: start)..<close])
            let after = bytes.index(after: close)
            port = after < end && bytes[after] == UInt8(ascii: ":") ? Int(url[bytes.index(after: after)..<end]) : nil
        } else if let c = bytes[start..<end].lastIndex(of: UInt8(ascii: ":")) {
            host = Self.lowercased(url[start..<c])
            guard let p = Int(url[bytes.index(after: c)..<end]) else { return nil }
            port = p
        } else {
            host = Self.lowercased(url[start..<end])
            port = nil
        }
        origin = scheme + "://" + Self.hostAndPort(host: host, port: port, scheme: scheme)
    }

    /// ASCII letters and digits: a scheme's characters besides `+` and `-`.
    private static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    /// The text lower-cased; copied as it is when it is ASCII without capitals (the usual case).
    private static func lowercased(_ s: Substring) -> String {
        s.utf8.contains { ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || $0 >= 0x80 } ? s.lowercased() : String(s)
    }

    public var isDefaultPort: Bool { Self.isDefault(port: port, scheme: scheme) }

    /// `host:port`, or `host` on the scheme's default port.
    public var hostAndPort: String { Self.hostAndPort(host: host, port: port, scheme: scheme) }

    private static func isDefault(port: Int?, scheme: String) -> Bool {
        port == nil || (scheme == "http" && port == 80) || (scheme == "https" && port == 443)
    }

    private static func hostAndPort(host: String, port: Int?, scheme: String) -> String {
        let h = host.utf8.contains(UInt8(ascii: ":")) ? "[\(host)]" : host
        return isDefault(port: port, scheme: scheme) ? h : "\(h):\(port!)"
    }
}
