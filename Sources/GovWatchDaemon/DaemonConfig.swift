import Foundation
import GovWatchCore
import Yams

/// The daemon's own settings (`/etc/govwatch/govwatch.yaml`); flags of `govwatch run`
/// override them.
public struct DaemonConfig: Sendable, Equatable {
    public var database = "/var/lib/govwatch/govwatch.sqlite"
    public var probes = "/etc/govwatch/probes.d"
    /// `host:port` of the status endpoint.
    public var listen = "127.0.0.1:9464"
    /// Required when `listen` is not a loopback address.
    public var statusToken: String?
    /// Probes checked at once.
    public var concurrency = 2
    /// Largest random delay added to a scheduled run, in seconds.
    public var jitterSeconds = 120
    /// Time an in-flight crawl gets to finish on SIGTERM before it is abandoned.
    public var shutdownGraceSeconds = 20.0
    /// The schedule of probes that name none.
    public var defaultSchedule = "0 7-22/2 * * *"
    /// When set, every probe runs this many seconds after its previous run ended, instead of
    /// on its cron schedule.
    public var everySeconds: Double?
    public var holidays: String?
    public var rubric: String?
    public var delivery = DeliverySettings()
    /// Users of the web console under `/ui/`.
    public var console = ConsoleSettings()
    /// The file the config came from, for messages.
    public var sourceFile = ""

    public init() {}

    /// The listen address split into host and port.
    public var listenHostPort: (host: String, port: UInt16)? {
        guard let colon = listen.lastIndex(of: ":"), let port = UInt16(listen[listen.index(after: colon)...]) else { return nil }
        return (String(listen[..<colon]), port)
    }

    public static func load(_ path: String) throws -> DaemonConfig {
        try parse(EditedFile.text(path), file: path)
    }

    public static func parse(_ text: String, file: String) throws -> DaemonConfig {
        let reader = YAMLReader(file: file, text: text.replacingOccurrences(of: "\r\n", with: "\n"))
        let root = try reader.root()
        let m = try reader.mapping(
            root, "",
            allowed: [
                "database", "probes", "listen", "status_token", "concurrency", "jitter_seconds",
                "shutdown_grace_seconds", "default_schedule", "every_seconds", "holidays", "rubric", "delivery", "console",
            ])
        var c = DaemonConfig()
        c.sourceFile = file
        if let v = m["database"] { c.database = try reader.string(v.value, "database") }
        if let v = m["probes"] { c.probes = try reader.string(v.value, "probes") }
        if let v = m["listen"] { c.listen = try reader.string(v.value, "listen") }
        if let v = m["status_token"] { c.statusToken = try reader.string(v.value, "status_token") }
        if let v = m["concurrency"] { c.concurrency = try reader.int(v.value, "concurrency", range: 1...64) }
        if let v = m["jitter_seconds"] { c.jitterSeconds = try reader.int(v.value, "jitter_seconds", range: 0...3600) }
        if let v = m["shutdown_grace_seconds"] { c.shutdownGraceSeconds = try reader.double(v.value, "shutdown_grace_seconds") }
        if let v = m["default_schedule"] {
            c.defaultSchedule = try reader.string(v.value, "default_schedule")
            do { _ = try CronSchedule(c.defaultSchedule) } catch { throw reader.error(v.value, "default_schedule", error.description) }
        }
        if let v = m["every_seconds"] { c.everySeconds = try reader.double(v.value, "every_seconds") }
        if let v = m["holidays"] { c.holidays = try reader.string(v.value, "holidays") }
        if let v = m["rubric"] { c.rubric = try reader.string(v.value, "rubric") }
        if let v = m["delivery"] { c.delivery = try DeliverySettings.parse(v.value, reader: reader) }
        if let v = m["console"] { c.console = try ConsoleSettings.parse(v.value, reader: reader) }
        try c.validate(line: m["listen"]?.value.mark?.line ?? 1)
        return c
    }

    /// Whether `host` is a loopback address (the listener is then private to this machine).
    public static func isLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// Checks what flags may have changed too: the listen address and its token.
    public func validate(line: Int = 1) throws {
        guard let (host, _) = listenHostPort else {
            throw ConfigError(file: sourceFile, line: line, key: "listen", message: "expected host:port, got '\(listen)'")
        }
        if !Self.isLoopback(host) && (statusToken ?? "").isEmpty {
            throw ConfigError(
                file: sourceFile, line: line, key: "listen",
                message: "listening on \(host) (not loopback) needs status_token: the status endpoint would be open to the network")
        }
    }
}
