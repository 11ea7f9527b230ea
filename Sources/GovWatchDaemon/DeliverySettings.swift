import Foundation
import GovWatchCore
import GovWatchDelivery
import Yams

/// The `delivery:` section of the daemon config: channels, quiet hours, the digest time,
/// and how rectification notices are numbered and dated.
public struct DeliverySettings: Sendable, Equatable {
    /// Every channel; the spool directory channel `outbox` is always among them.
    public var channels: [ChannelConfig] = []
    public var quietHours: QuietHours?
    /// Minutes after midnight (Asia/Shanghai) when the daily digest is made (default 08:30).
    public var digestMinute = 8 * 60 + 30
    public var deadlineDays = 5
    /// 文号 prefix: `阿政务公开办` gives `阿政务公开办整改〔2026〕12号`.
    public var numberPrefix = "阿政务公开办"
    /// Who signs notices and receives the written reports.
    public var issuer = "阿尔山市政务公开领导小组办公室"
    /// A directory of replacement templates.
    public var templates: String?
    public var maxAttempts = 12
    /// Seconds before the first retry; each further retry waits twice as long (at most 1 h).
    public var retrySeconds = 60.0

    /// Only the spool channel, next to the database.
    public init() {
        channels = [Self.outbox(nil)]
    }

    /// The spool channel; a nil directory means `outbox/` next to the database.
    static func outbox(_ dir: String?) -> ChannelConfig {
        var c = ChannelConfig(name: "outbox", type: .files)
        c.directory = dir
        return c
    }

    /// The channels with the spool directory resolved against the database path.
    public func channels(database: String) -> [ChannelConfig] {
        channels.map { c in
            guard c.type == .files, c.directory == nil else { return c }
            var resolved = c
            resolved.directory = URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent("outbox").path
            return resolved
        }
    }

    /// Reads the section.
    static func parse(_ node: Node, reader: YAMLReader) throws -> DeliverySettings {
        let m = try reader.mapping(
            node, "delivery",
            allowed: ["outbox", "quiet_hours", "digest_time", "deadline_days", "number_prefix", "issuer", "templates", "max_attempts", "retry_seconds", "channels"])
        var s = DeliverySettings()
        var outbox: String?
        if let v = m["outbox"] { outbox = try reader.string(v.value, "delivery.outbox") }
        if let v = m["quiet_hours"] {
            let text = try reader.string(v.value, "delivery.quiet_hours")
            guard let q = QuietHours(text) else { throw reader.error(v.value, "delivery.quiet_hours", "expected HH:MM-HH:MM, got '\(text)'") }
            s.quietHours = q
        }
        if let v = m["digest_time"] {
            let text = try reader.string(v.value, "delivery.digest_time")
            guard let minute = QuietHours.minutes(text) else { throw reader.error(v.value, "delivery.digest_time", "expected HH:MM, got '\(text)'") }
            s.digestMinute = minute
        }
        if let v = m["deadline_days"] { s.deadlineDays = try reader.int(v.value, "delivery.deadline_days", range: 1...60) }
        if let v = m["number_prefix"] { s.numberPrefix = try reader.string(v.value, "delivery.number_prefix") }
        if let v = m["issuer"] { s.issuer = try reader.string(v.value, "delivery.issuer") }
        if let v = m["templates"] { s.templates = try reader.string(v.value, "delivery.templates") }
        if let v = m["max_attempts"] { s.maxAttempts = try reader.int(v.value, "delivery.max_attempts", range: 1...100) }
        if let v = m["retry_seconds"] { s.retrySeconds = Double(try reader.int(v.value, "delivery.retry_seconds", range: 1...3600)) }
        var channels: [ChannelConfig] = []
        for item in try m["channels"].map({ try reader.list($0.value, "delivery.channels") }) ?? [] {
            let c = try channel(item, reader: reader)
            if channels.contains(where: { $0.name == c.name }) {
                throw reader.error(item, "delivery.channels", "two channels are named '\(c.name)'")
            }
            channels.append(c)
        }
        if !channels.contains(where: { $0.name == "outbox" }) { channels.insert(Self.outbox(outbox), at: 0) }
        s.channels = channels
        return s
    }

    private static func channel(_ node: Node, reader: YAMLReader) throws -> ChannelConfig {
        let k = "delivery.channels"
        let m = try reader.mapping(
            node, k,
            allowed: [
                "name", "type", "send", "directory", "url", "username", "password", "password_file", "starttls", "from", "to",
                "bearer_token", "bearer_token_file", "ca_file", "timeout_seconds",
            ])
        guard let name = m["name"] else { throw reader.error(node, k, "a channel needs a name") }
        guard let type = m["type"] else { throw reader.error(node, k, "a channel needs a type (\(ChannelType.allCases.map(\.rawValue).joined(separator: ", ")))") }
        var c = ChannelConfig(name: try reader.string(name.value, "\(k).name"), type: try reader.choice(type.value, "\(k).type", ChannelType.self))
        if let v = m["send"] {
            var kinds = Set<MessageKind>()
            for word in try reader.strings(v.value, "\(k).send") {
                let singular = word.hasSuffix("s") ? String(word.dropLast()) : word
                guard let kind = MessageKind(rawValue: singular) else {
                    throw reader.error(v.value, "\(k).send", "unknown message kind '\(word)'; kinds: alerts, digests, notices, tests")
                }
                kinds.insert(kind)
            }
            kinds.insert(.test)
            c.kinds = kinds
        }
        if let v = m["directory"] { c.directory = try reader.string(v.value, "\(k).directory") }
        if let v = m["url"] { c.url = try reader.string(v.value, "\(k).url") }
        if let v = m["username"] { c.username = try reader.string(v.value, "\(k).username") }
        if let v = m["password"] { c.password = try reader.string(v.value, "\(k).password") }
        if let v = m["password_file"] { c.password = try secret(v.value, "\(k).password_file", reader: reader) }
        if let v = m["starttls"] { c.startTLS = try reader.bool(v.value, "\(k).starttls") }
        if let v = m["from"] { c.from = try reader.string(v.value, "\(k).from") }
        if let v = m["to"] { c.to = try reader.strings(v.value, "\(k).to") }
        if let v = m["bearer_token"] { c.bearerToken = try reader.string(v.value, "\(k).bearer_token") }
        if let v = m["bearer_token_file"] { c.bearerToken = try secret(v.value, "\(k).bearer_token_file", reader: reader) }
        if let v = m["ca_file"] {
            let path = try reader.string(v.value, "\(k).ca_file")
            guard FileManager.default.isReadableFile(atPath: path) else { throw reader.error(v.value, "\(k).ca_file", "cannot read \(path)") }
            c.caFile = path
        }
        if let v = m["timeout_seconds"] { c.timeout = try reader.double(v.value, "\(k).timeout_seconds") }

        let needs: [String] =
            switch c.type {
            case .files: c.directory == nil && c.name != "outbox" ? ["directory"] : []
            case .smtp: (c.url == nil ? ["url"] : []) + (c.from == nil ? ["from"] : []) + (c.to.isEmpty ? ["to"] : [])
            case .webhook, .wecom, .dingtalk: c.url == nil ? ["url"] : []
            }
        if !needs.isEmpty { throw reader.error(node, k, "channel '\(c.name)' (\(c.type.rawValue)) needs \(needs.joined(separator: ", "))") }
        if let url = c.url {
            let schemes = c.type == .smtp ? ["smtp://", "smtps://"] : ["http://", "https://"]
            guard schemes.contains(where: { url.lowercased().hasPrefix($0) }) else {
                throw reader.error(m["url"]?.value, "\(k).url", "channel '\(c.name)' needs a \(schemes.joined(separator: " or ")) URL, got \(ChannelConfig.mask(url))")
            }
        }
        return c
    }

    /// A secret read from a file (systemd credentials, a 0600 file), without its line end.
    private static func secret(_ node: Node, _ key: String, reader: YAMLReader) throws -> String {
        let path = try reader.string(node, key)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw reader.error(node, key, "cannot read \(path)")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
