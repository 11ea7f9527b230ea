/// Whether a day of the exception list is a day off or a working day.
public enum DayKind: String, Sendable, Hashable, Codable {
    case off, work
}

/// A date the calendar cannot answer for: its year is not in the data.
public struct CalendarError: Error, Equatable, CustomStringConvertible {
    public var year: Int

    public var description: String {
        "the working-day calendar has no data for \(year): import the year's holiday notice (govwatch calendar import) into the holidays file"
    }
}

/// A problem in a holiday file, located by line.
public struct HolidayFileError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public var description: String { "\(file):\(line): \(message)" }
}

/// One line of a holiday file: a day off or a make-up working day, and its festival.
public struct HolidayDay: Sendable, Hashable {
    public var date: CivilDate
    public var kind: DayKind
    public var name: String

    public init(date: CivilDate, kind: DayKind, name: String = "") {
        self.date = date
        self.kind = kind
        self.name = name
    }

    /// `YYYY-MM-DD<TAB>off|work<TAB>name`, the line of a holiday file.
    public var line: String { "\(date)\t\(kind.rawValue)\t\(name)" }
}

/// China's working days: Monday to Friday, less statutory holidays, plus make-up working
/// days (调休) — a Saturday can be a working day and a Tuesday a holiday.
///
/// The calendar is data, one year at a time, from the State Council's yearly notice
/// (**official** years). A later year whose notice is not in the data yet is answered
/// **provisionally** from the statutory holidays alone (`StatutoryHolidays`): callers ask
/// `isProvisional` and say so (暂定). A date outside both is an error, never a silent
/// Monday-to-Friday guess.
public struct WorkdayCalendar: Sendable, Hashable {
    private var exceptions: [Int: DayKind]
    /// Years whose days come from a notice (shipped or an operator's file).
    public private(set) var officialYears: Set<Int>
    private var provisionalDays: [Int: DayKind]
    /// Years answered from the statutory holidays alone.
    public private(set) var provisionalYears: Set<Int>

    /// The shipped calendar: official 2019–2026, provisional after.
    public static let china: WorkdayCalendar = {
        let entries = try! parse(tsv: ChinaHolidays.tsv, file: "ChinaHolidays")
        return WorkdayCalendar(entries: entries, years: Set(ChinaHolidays.years))
    }()

    public init(entries: [HolidayDay], years: Set<Int>) {
        exceptions = Dictionary(entries.map { ($0.date.daysSinceEpoch, $0.kind) }, uniquingKeysWith: { _, b in b })
        officialYears = years.union(entries.map(\.date.year))
        provisionalDays = [:]
        provisionalYears = []
        for year in StatutoryHolidays.years where !officialYears.contains(year) {
            provisionalYears.insert(year)
            for day in StatutoryHolidays.days(of: year) ?? [] { provisionalDays[day.date.daysSinceEpoch] = day.kind }
        }
    }

    /// This calendar with an operator's override file laid over it: its years become
    /// official, and its days replace the shipped ones.
    public func overlaid(with entries: [HolidayDay]) -> WorkdayCalendar {
        var copy = self
        for e in entries { copy.exceptions[e.date.daysSinceEpoch] = e.kind }
        let years = Set(entries.map(\.date.year))
        copy.officialYears.formUnion(years)
        copy.provisionalYears.subtract(years)
        copy.provisionalDays = copy.provisionalDays.filter { !years.contains(CivilDate(daysSinceEpoch: $0.key).year) }
        return copy
    }

    /// Every year the calendar answers for.
    public var years: Set<Int> { officialYears.union(provisionalYears) }

    /// True when `date` is answered from the statutory holidays alone.
    public func isProvisional(_ date: CivilDate) -> Bool { isProvisional(year: date.year) }

    public func isProvisional(year: Int) -> Bool { !officialYears.contains(year) && provisionalYears.contains(year) }

    /// True when an answer about the days from `from` through `through` used a provisional year.
    public func isProvisional(from: CivilDate, through: CivilDate) -> Bool {
        (min(from.year, through.year)...max(from.year, through.year)).contains(where: isProvisional(year:))
    }

    /// Reads a holiday file: `YYYY-MM-DD<TAB>off|work[<TAB>name]` per line; `#` comments,
    /// a `date kind name` header, blank lines, a BOM and CRLF line ends are accepted.
    public static func parse(tsv: String, file: String) throws(HolidayFileError) -> [HolidayDay] {
        var out: [HolidayDay] = []
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
            out.append(HolidayDay(date: date, kind: kind, name: fields.dropFirst(2).joined(separator: " ")))
        }
        return out
    }

    /// True for a working day.
    public func isWorkingDay(_ date: CivilDate) throws(CalendarError) -> Bool {
        let kind: DayKind?
        if officialYears.contains(date.year) {
            kind = exceptions[date.daysSinceEpoch]
        } else if provisionalYears.contains(date.year) {
            kind = provisionalDays[date.daysSinceEpoch]
        } else {
            throw CalendarError(year: date.year)
        }
        switch kind {
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
