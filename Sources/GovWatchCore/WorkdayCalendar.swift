/// Whether a day of the exception list is a day off or a working day.
public enum DayKind: String, Sendable, Hashable, Codable {
    case off, work
}

/// A date the calendar cannot answer for: its year is not in the data.
public struct CalendarError: Error, Equatable, CustomStringConvertible {
    public var year: Int

    public var description: String {
        "the working-day calendar has no data for \(year): add the year's holidays in an override file"
    }
}

/// A problem in a holiday file, located by line.
public struct HolidayFileError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public var description: String { "\(file):\(line): \(message)" }
}

/// China's working days: Monday to Friday, less statutory holidays, plus make-up working
/// days (调休) — a Saturday can be a working day and a Tuesday a holiday.
///
/// The calendar is data, one year at a time. A date in a year the data does not cover is an
/// error, never a silent Monday-to-Friday guess.
public struct WorkdayCalendar: Sendable, Hashable {
    private var exceptions: [Int: DayKind]
    public private(set) var coveredYears: Set<Int>

    /// The shipped calendar, 2019–2026.
    public static let china: WorkdayCalendar = {
        let entries = try! parse(tsv: ChinaHolidays.tsv, file: "ChinaHolidays")
        return WorkdayCalendar(entries: entries, years: Set(ChinaHolidays.years))
    }()

    public init(entries: [(date: CivilDate, kind: DayKind)], years: Set<Int>) {
        exceptions = Dictionary(entries.map { ($0.date.daysSinceEpoch, $0.kind) }, uniquingKeysWith: { _, b in b })
        coveredYears = years.union(entries.map(\.date.year))
    }

    /// This calendar with an operator's override file laid over it: its years become
    /// covered, and its days replace the shipped ones.
    public func overlaid(with entries: [(date: CivilDate, kind: DayKind)]) -> WorkdayCalendar {
        var copy = self
        for e in entries { copy.exceptions[e.date.daysSinceEpoch] = e.kind }
        copy.coveredYears.formUnion(entries.map(\.date.year))
        return copy
    }

    /// Reads a holiday file: `YYYY-MM-DD<TAB>off|work[<TAB>name]` per line; `#` comments,
    /// a `date kind name` header, blank lines, a BOM and CRLF line ends are accepted.
    public static func parse(tsv: String, file: String) throws(HolidayFileError) -> [(date: CivilDate, kind: DayKind)] {
        var out: [(date: CivilDate, kind: DayKind)] = []
        var text = tsv
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("date") { continue }
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " || $0 == "," })
            guard fields.count >= 2 else {
                throw HolidayFileError(file: file, line: i + 1, message: "expected 'YYYY-MM-DD<TAB>off|work', got '\(line)'")
            }
            guard let date = CivilDate(iso: String(fields[0])) else {
                throw HolidayFileError(file: file, line: i + 1, message: "'\(fields[0])' is not a YYYY-MM-DD date")
            }
            guard let kind = DayKind(rawValue: String(fields[1]).lowercased()) else {
                throw HolidayFileError(file: file, line: i + 1, message: "expected off or work, got '\(fields[1])'")
            }
            out.append((date, kind))
        }
        return out
    }

    /// True for a working day.
    public func isWorkingDay(_ date: CivilDate) throws(CalendarError) -> Bool {
        guard coveredYears.contains(date.year) else { throw CalendarError(year: date.year) }
        switch exceptions[date.daysSinceEpoch] {
        case .off?: return false
        case .work?: return true
        case nil: return date.weekday <= 5
        }
    }

    /// The `n`-th working day after `date` (`date` itself does not count); `date` for n = 0.
    public func addWorkingDays(_ date: CivilDate, _ n: Int) throws(CalendarError) -> CivilDate {
        var day = date
        var left = n
        while left > 0 {
            day = day.adding(days: 1)
            if try isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// Working days after `from`, up to and including `to` (0 when `to` is not later).
    public func workingDays(from: CivilDate, to: CivilDate) throws(CalendarError) -> Int {
        guard from < to else { return 0 }
        var count = 0
        var day = from
        while day < to {
            day = day.adding(days: 1)
            if try isWorkingDay(day) { count += 1 }
        }
        return count
    }
}

extension WorkdayCalendar {
    public static func == (a: WorkdayCalendar, b: WorkdayCalendar) -> Bool {
        a.exceptions == b.exceptions && a.coveredYears == b.coveredYears
    }
}
