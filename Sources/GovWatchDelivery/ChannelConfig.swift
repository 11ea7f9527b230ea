import GovWatchCore

/// The kinds of channel govwatch delivers through.
public enum ChannelType: String, Sendable, Hashable, CaseIterable {
    /// Files in a spool directory.
    case files
    /// Mail over SMTP (`smtp://` with STARTTLS, or `smtps://`).
    case smtp
    /// A JSON POST of the whole message.
    case webhook
    /// The markdown robot of 企业微信 (WeCom).
    case wecom
    /// The markdown robot of 钉钉 (DingTalk).
    case dingtalk
}

/// One configured channel, from the `delivery.channels` list of the daemon config.
public struct ChannelConfig: Sendable, Hashable {
    public var name: String
    public var type: ChannelType
    /// What it receives (default: everything).
    public var kinds: Set<MessageKind> = Set(MessageKind.allCases)
    /// files: the spool directory.
    public var directory: String?
    /// smtp, webhooks: where to.
    public var url: String?
    public var username: String?
    public var password: String?
    /// smtp: require STARTTLS on an `smtp://` URL (default true; `smtps://` is TLS from the start).
    public var startTLS = true
    public var from: String?
    public var to: [String] = []
    /// webhook: sent as `Authorization: Bearer …`.
    public var bearerToken: String?
    /// smtp, webhooks: a PEM file of the CA that signs the server's certificate (an internal
    /// government CA) instead of the system's; certificates are always verified.
    public var caFile: String?
    /// Seconds one attempt may take.
    public var timeout: Double = 30

    public init(name: String, type: ChannelType) {
        self.name = name
        self.type = type
    }

    /// The URL with its query (robot keys, access tokens) and any password masked, for logs.
    public var maskedURL: String { url.map(Self.mask) ?? "" }

    /// `https://host/path?key=…` → `https://host/path?***`; `smtp://user:pw@host` → `smtp://user:***@host`.
    public static func mask(_ url: String) -> String {
        var out = url
        if let q = out.firstIndex(of: "?") { out = String(out[..<q]) + "?***" }
        if let scheme = out.range(of: "://"), let at = out[scheme.upperBound...].firstIndex(of: "@") {
            let userinfo = out[scheme.upperBound..<at]
            if let colon = userinfo.firstIndex(of: ":") {
                out = String(out[..<colon]) + ":***" + String(out[at...])
            }
        }
        return out
    }
}
