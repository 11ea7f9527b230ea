/// Which URLs a probe may fetch: http(s) on the probe's own hosts, nothing else.
///
/// A redirect is followed only when its target passes `allows`; file://, other hosts and
/// other ports are refused with a reason that goes into the fetch record.
public struct CrawlScope: Sendable, Hashable {
    /// Lower-cased `host` or `host:port` entries.
    public let hosts: Set<String>

    public init(hosts: [String]) {
        self.hosts = Set(hosts.map { $0.lowercased() })
    }

    /// Nil when `url` may be fetched, else why not.
    public func refusal(for url: String) -> String? {
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
}

/// The scheme, host and port of an absolute URL, parsed without Foundation.
public struct URLParts: Sendable, Hashable {
    public let scheme: String
    public let host: String
    public let port: Int?
    /// Path, query and fragment, starting with `/` (or empty).
    public let rest: String
    /// `scheme://host[:port]`, with the port only when it is not the scheme's default.
    public var origin: String { scheme + "://" + hostAndPort }

    public init?(_ url: String) {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon].lowercased()
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" }) else {
            return nil
        }
        self.scheme = scheme
        let afterScheme = url[url.index(after: colon)...]
        guard afterScheme.hasPrefix("//") else {
            host = ""
            port = nil
            rest = String(afterScheme)
            return
        }
        let authorityStart = afterScheme.index(afterScheme.startIndex, offsetBy: 2)
        let tail = afterScheme[authorityStart...]
        let end = tail.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? tail.endIndex
        var authority = tail[..<end]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        rest = String(tail[end...])
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[authority.index(after: authority.startIndex)..<close]).lowercased()
            let after = authority[authority.index(after: close)...]
            port = after.hasPrefix(":") ? Int(after.dropFirst()) : nil
        } else if let c = authority.lastIndex(of: ":") {
            host = authority[..<c].lowercased()
            guard let p = Int(authority[authority.index(after: c)...]) else { return nil }
            port = p
        } else {
            host = authority.lowercased()
            port = nil
        }
    }

    public var isDefaultPort: Bool {
        port == nil || (scheme == "http" && port == 80) || (scheme == "https" && port == 443)
    }

    /// `host:port`, or `host` on the scheme's default port.
    public var hostAndPort: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return isDefaultPort ? h : "\(h):\(port!)"
    }
}
