import CCurl

/// Which network addresses a crawl may connect to.
///
/// Public addresses always; loopback and private, link-local or reserved ranges only when
/// the probe's own base URL is on one (a test site, an intranet portal). The policy is
/// applied twice: to IP-literal URLs before a transfer starts, and by libcurl's open-socket
/// callback to every address a host name resolves to, before any connection is made.
public struct AddressPolicy: Sendable, Hashable {
    public var allowLoopback: Bool
    public var allowPrivate: Bool

    public init(allowLoopback: Bool, allowPrivate: Bool) {
        self.allowLoopback = allowLoopback
        self.allowPrivate = allowPrivate
    }

    /// The policy a probe gets from its base URL's host.
    public init(baseHost: String) {
        switch AddressPolicy.classify(baseHost) {
        case .loopback: self.init(allowLoopback: true, allowPrivate: false)
        case .privateRange: self.init(allowLoopback: false, allowPrivate: true)
        case .publicAddress, .hostName: self.init(allowLoopback: false, allowPrivate: false)
        }
    }

    /// What kind of address a host is.
    public enum AddressClass: Sendable, Hashable {
        case publicAddress, loopback, privateRange
        /// Not an IP literal; `localhost` counts as loopback.
        case hostName
    }

    public static func classify(_ host: String) -> AddressClass {
        if host.lowercased() == "localhost" { return .loopback }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        switch gw_classify_literal(bare) {
        case -1: return .hostName
        case Int32(GW_ADDR_LOOPBACK): return .loopback
        case Int32(GW_ADDR_PRIVATE): return .privateRange
        default: return .publicAddress
        }
    }

    /// Nil when a URL's host may be connected to by its literal address, else why not.
    public func refusal(forHost host: String) -> String? {
        switch AddressPolicy.classify(host) {
        case .loopback where !allowLoopback: "loopback address \(host) is not allowed for this probe"
        case .privateRange where !allowPrivate: "private or link-local address \(host) is not allowed"
        default: nil
        }
    }
}
