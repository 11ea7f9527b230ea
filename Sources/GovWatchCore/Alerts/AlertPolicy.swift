/// Hours of the day (Asia/Shanghai) when no alert is sent; alerts raised then wait for the end.
public struct QuietHours: Sendable, Hashable, CustomStringConvertible {
    /// Minutes after midnight; `start > end` wraps past midnight (22:00-07:00).
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// Reads `HH:MM-HH:MM`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-").map { $0.trimmingWhitespace() }
        guard parts.count == 2, let a = Self.minutes(parts[0]), let b = Self.minutes(parts[1]), a != b else { return nil }
        self.init(start: a, end: b)
    }

    public var description: String { "\(LocalMinute.clock(start))-\(LocalMinute.clock(end))" }

    public func contains(minuteOfDay m: Int) -> Bool {
        start < end ? (start <= m && m < end) : (m >= start || m < end)
    }

    /// Minutes from `m` until quiet hours end; 0 outside them.
    public func minutesLeft(at m: Int) -> Int {
        guard contains(minuteOfDay: m) else { return 0 }
        return (end - m + 1440) % 1440
    }

    /// Minutes after midnight of `HH:MM`.
    public static func minutes(_ s: String) -> Int? {
        let hm = s.split(separator: ":")
        guard hm.count == 2, let h = Int(hm[0]), let m = Int(hm[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        return h * 60 + m
    }
}

/// Which findings are alerted at once and when an alert may go out. Everything else waits
/// for the daily digest.
public struct AlertPolicy: Sendable, Hashable {
    /// Severities alerted at once (default: severe — leaks, a site that cannot be reached).
    public var immediate: Set<Severity>
    public var quietHours: QuietHours?

    public init(immediate: Set<Severity> = [.severe], quietHours: QuietHours? = nil) {
        self.immediate = immediate
        self.quietHours = quietHours
    }

    /// The findings of a check that need an immediate alert: of an alerted severity and never
    /// alerted before (by fingerprint), each once even if the check reported it twice.
    public func alerts(for findings: [Finding], alreadyAlerted: Set<String>) -> [Finding] {
        var seen = alreadyAlerted
        return findings.filter { immediate.contains($0.severity) && seen.insert($0.fingerprint).inserted }
    }

    /// When an alert raised at `now` (seconds since 1970) may be sent: at once, or at the end
    /// of quiet hours in Asia/Shanghai.
    public func sendTime(raisedAt now: Double) -> Double {
        guard let quietHours else { return now }
        let minute = LocalMinute(unixSeconds: now)
        let left = quietHours.minutesLeft(at: minute.minuteOfDay)
        guard left > 0 else { return now }
        return LocalMinute(minute.value + left).unixSeconds
    }
}
