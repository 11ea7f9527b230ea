/// Whether the calendar needs the operator: every year the official schedule appears in
/// November or later, and until it is imported the deadlines are provisional.
public enum CalendarWatch {
    /// Years that deadlines reach as of `today` and that have no official data: this year,
    /// and from 1 November the next.
    public static func missingYears(_ calendar: WorkdayCalendar, today: CivilDate) -> [Int] {
        let years = today.month >= 11 ? [today.year, today.year + 1] : [today.year]
        return years.filter { !calendar.officialYears.contains($0) }
    }

    /// The last year of the unbroken run of official years from `today`'s (the year before
    /// when this year itself has none).
    public static func officialUntil(_ calendar: WorkdayCalendar, today: CivilDate) -> Int {
        var year = today.year
        while calendar.officialYears.contains(year) { year += 1 }
        return year - 1
    }

    /// The digest's line: `2027年节假日安排尚未导入，期限暂按法定节假日推算`.
    public static func digestLine(_ calendar: WorkdayCalendar, today: CivilDate) -> String? {
        let missing = missingYears(calendar, today: today)
        guard !missing.isEmpty else { return nil }
        return missing.map { "\($0)年" }.joined(separator: "、") + "节假日安排尚未导入，期限暂按法定节假日推算"
    }

    /// The operator's warning for the log and `systemctl status`.
    public static func warning(_ calendar: WorkdayCalendar, today: CivilDate) -> String? {
        let missing = missingYears(calendar, today: today)
        guard !missing.isEmpty else { return nil }
        let years = missing.map(String.init).joined(separator: ", ")
        return "no official holidays for \(years): deadlines are provisional; import the State Council's notice "
            + "(govwatch calendar import NOTICE.txt --out FILE), name FILE in holidays:, and reload"
    }
}
