/// A minute in Asia/Shanghai local time, counted from 1970-01-01 00:00 local.
public struct LocalMinute: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var value: Int

    public init(_ value: Int) { self.value = value }

    /// The local minute of a Unix time (Shanghai is UTC+8, no daylight saving).
    public init(unixSeconds: Double) {
        value = Int(((unixSeconds + 8 * 3600) / 60).rounded(.down))
    }

    public var unixSeconds: Double { Double(value * 60 - 8 * 3600) }
    public var date: CivilDate { CivilDate(daysSinceEpoch: value >= 0 ? value / 1440 : (value - 1439) / 1440) }
    public var minuteOfDay: Int { value - date.daysSinceEpoch * 1440 }

    public static func < (a: LocalMinute, b: LocalMinute) -> Bool { a.value < b.value }

    /// `YYYY-MM-DD HH:MM`.
    public var description: String { "\(date) \(Self.clock(minuteOfDay))" }

    /// `HH:MM` of a minute of the day.
    public static func clock(_ minuteOfDay: Int) -> String {
        let h = minuteOfDay / 60, m = minuteOfDay % 60
        return "\(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
    }
}

/// A cron expression (minute hour day-of-month month day-of-week) in Asia/Shanghai:
/// `*`, lists `1,15`, ranges `7-22`, steps `*/15` and `7-22/2`; day of week 0–7 (0 and 7 are
/// Sunday). As in cron, when both day fields are restricted, either may match.
public struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
    public let description: String
    private let minutes: Set<Int>
    private let hours: Set<Int>
    private let days: Set<Int>
    private let months: Set<Int>
    private let weekdays: Set<Int>
    private let daysRestricted: Bool
    private let weekdaysRestricted: Bool

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    public init(_ text: String) throws(ParseError) {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw ParseError(description: "expected 5 fields (minute hour day month weekday), got \(fields.count) in '\(text)'")
        }
        description = text
        minutes = try Self.field(fields[0], "minute", 0...59)
        hours = try Self.field(fields[1], "hour", 0...23)
        days = try Self.field(fields[2], "day of month", 1...31)
        months = try Self.field(fields[3], "month", 1...12)
        weekdays = Set(try Self.field(fields[4], "day of week", 0...7).map { $0 % 7 })
        daysRestricted = fields[2] != "*"
        weekdaysRestricted = fields[4] != "*"
    }

    private static func field(_ text: String, _ name: String, _ range: ClosedRange<Int>) throws(ParseError) -> Set<Int> {
        var out = Set<Int>()
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "/", maxSplits: 1)
            var step = 1
            if pieces.count == 2 {
                guard let s = Int(pieces[1]), s > 0 else { throw ParseError(description: "bad step '\(part)' in the \(name) field") }
                step = s
            }
            let span: ClosedRange<Int>
            if pieces[0] == "*" {
                span = range
            } else if let dash = pieces[0].firstIndex(of: "-") {
                guard let a = Int(pieces[0][..<dash]), let b = Int(pieces[0][pieces[0].index(after: dash)...]), a <= b,
                    range.contains(a), range.contains(b)
                else { throw ParseError(description: "bad range '\(part)' in the \(name) field (\(range.lowerBound)-\(range.upperBound))") }
                span = a...b
            } else {
                guard let v = Int(pieces[0]), range.contains(v) else {
                    throw ParseError(description: "bad value '\(part)' in the \(name) field (\(range.lowerBound)-\(range.upperBound))")
                }
                span = v...(pieces.count == 2 ? range.upperBound : v)
            }
            out.formUnion(stride(from: span.lowerBound, through: span.upperBound, by: step))
        }
        guard !out.isEmpty else { throw ParseError(description: "empty \(name) field") }
        return out
    }

    public func matches(_ m: LocalMinute) -> Bool {
        let minute = m.minuteOfDay
        return minutes.contains(minute % 60) && hours.contains(minute / 60) && months.contains(m.date.month)
            && dayMatches(m.date)
    }

    /// The first matching minute after `m`, within four years (nil for an impossible date
    /// such as 31 February).
    public func next(after m: LocalMinute) -> LocalMinute? {
        var t = LocalMinute(m.value + 1)
        let limit = m.value + 4 * 366 * 1440
        while t.value <= limit {
            let d = t.date
            if !months.contains(d.month) || !dayMatches(d) {
                t = LocalMinute((d.daysSinceEpoch + 1) * 1440)  // next day, 00:00
                continue
            }
            if !hours.contains(t.minuteOfDay / 60) {
                t = LocalMinute(t.value - t.minuteOfDay % 60 + 60)  // next hour
                continue
            }
            if minutes.contains(t.minuteOfDay % 60) { return t }
            t = LocalMinute(t.value + 1)
        }
        return nil
    }

    /// The last matching minute at or before `m`, within four years.
    public func previous(atOrBefore m: LocalMinute) -> LocalMinute? {
        var t = m
        let limit = m.value - 4 * 366 * 1440
        while t.value >= limit {
            let d = t.date
            if !months.contains(d.month) || !dayMatches(d) {
                t = LocalMinute(d.daysSinceEpoch * 1440 - 1)  // previous day, 23:59
                continue
            }
            if !hours.contains(t.minuteOfDay / 60) {
                t = LocalMinute(t.value - t.minuteOfDay % 60 - 1)  // previous hour, :59
                continue
            }
            if minutes.contains(t.minuteOfDay % 60) { return t }
            t = LocalMinute(t.value - 1)
        }
        return nil
    }

    private func dayMatches(_ d: CivilDate) -> Bool {
        let dom = days.contains(d.day)
        let dow = weekdays.contains(d.weekday % 7)
        switch (daysRestricted, weekdaysRestricted) {
        case (true, true): return dom || dow
        case (true, false): return dom
        case (false, true): return dow
        case (false, false): return true
        }
    }
}

/// How often a probe runs: on a cron schedule, or N seconds after its previous run ended
/// (for soak tests and for operators who want a plain interval).
public enum Cadence: Sendable, Hashable, CustomStringConvertible {
    case cron(CronSchedule)
    case every(seconds: Double)

    public var description: String {
        switch self {
        case .cron(let c): c.description
        case .every(let s): "every \(Int(s)) s"
        }
    }
}
