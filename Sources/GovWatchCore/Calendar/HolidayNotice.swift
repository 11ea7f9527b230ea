import _StringProcessing

/// Reads the State Council's yearly notice (国务院办公厅关于YYYY年部分节假日安排的通知) as text,
/// in the form the notices have used since 2019:
///
/// ```
/// 一、元旦：1月1日（周三）放假1天，不调休。
/// 二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
/// ```
///
/// Each numbered line names a festival; its sentence with 放假 gives a day or a range (`至`,
/// across months, with `YYYY年` where the notice writes it), `共N天` is checked against the
/// range, and a sentence ending in 上班 lists the make-up working days. Every weekday the text
/// gives (周三, 星期三) is checked against its date: a notice copied wrongly is refused with its
/// line, never half-read.
public enum HolidayNotice {
    /// The year the notice is for, and its days in date order.
    public static func parse(_ text: String, file: String, year explicitYear: Int? = nil) throws(HolidayFileError)
        -> (year: Int, days: [HolidayDay])
    {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        guard let year = explicitYear ?? lines.lazy.compactMap(headingYear).first else {
            throw HolidayFileError(file: file, line: 1, message: "no heading names the year (…关于YYYY年部分节假日安排的通知); give --year")
        }
        var days: [Int: HolidayDay] = [:]
        for (index, line) in lines.enumerated() {
            guard let item = line.firstMatch(of: itemPattern) else { continue }
            let name = String(item.2).trimmingWhitespace()
            let fail = { (message: String) in HolidayFileError(file: file, line: index + 1, message: message) }
            var read = false
            for sentence in item.3.split(separator: "。") {
                let tokens = try dates(in: sentence, year: year, festival: name, fail: fail)
                if sentence.contains("放假") {
                    guard let first = tokens.first else { throw fail("'\(sentence)': no date before 放假") }
                    var last = first.date
                    if tokens.count > 1, sentence[first.range.upperBound..<tokens[1].range.lowerBound].contains("至") {
                        last = tokens[1].date
                    }
                    guard first.date <= last else { throw fail("'\(sentence)': the range ends before it begins") }
                    let count = first.date.days(until: last) + 1
                    if let total = sentence.firstMatch(of: totalPattern).flatMap({ Int($0.1) }), total != count {
                        throw fail("'\(sentence)': 共\(total)天, but the range has \(count) days")
                    }
                    for n in 0..<count {
                        let day = first.date.adding(days: n)
                        days[day.daysSinceEpoch] = HolidayDay(date: day, kind: .off, name: name)
                    }
                    read = true
                } else if sentence.contains("上班") {
                    guard !tokens.isEmpty else { throw fail("'\(sentence)': no date before 上班") }
                    for t in tokens { days[t.date.daysSinceEpoch] = HolidayDay(date: t.date, kind: .work, name: name) }
                } else if !tokens.isEmpty {
                    throw fail("'\(sentence)': a date neither 放假 nor 上班")
                }
            }
            guard read else { throw fail("'\(line.trimmingWhitespace())': no 放假 days read") }
        }
        guard !days.isEmpty else {
            throw HolidayFileError(file: file, line: 1, message: "no numbered festival lines (一、元旦：…) found")
        }
        return (year, days.keys.sorted().map { days[$0]! })
    }

    /// The notice as a holiday file, with a comment naming where it came from.
    public static func holidayFile(year: Int, days: [HolidayDay], source: String) -> String {
        "# \(year): 国务院办公厅关于\(year)年部分节假日安排的通知, from \(source) (govwatch calendar import)\n"
            + days.map(\.line).joined(separator: "\n") + "\n"
    }

    private static var itemPattern: Regex<(Substring, Substring, Substring, Substring)> { #/^\s*([一二三四五六七八九十]+)、([^：:]+)[：:](.*)$/# }
    private static var totalPattern: Regex<(Substring, Substring)> { #/共\s*(\d+)\s*天/# }
    private static var datePattern: Regex<(Substring, Substring?, Substring?, Substring, Substring?)> { #/(?:(\d{4})\s*年)?(?:(\d{1,2})\s*月)?(\d{1,2})\s*日(?:[（(]([^）)]*)[）)])?/# }
    private static var weekdayPattern: Regex<(Substring, Substring)> { #/(?:周|星期)([一二三四五六日天])/# }

    private static func headingYear(_ line: String) -> Int? {
        line.firstMatch(of: #/(\d{4})\s*年\s*(?:部分)?节假日安排/#).flatMap { Int($0.1) }
    }

    private struct DateToken {
        var date: CivilDate
        var range: Range<Substring.Index>
    }

    /// The dates of a sentence; a day without a month or year takes the previous date's. A
    /// December date on the 元旦 line without a year belongs to the year before.
    private static func dates(
        in sentence: Substring, year: Int, festival: String, fail: (String) -> HolidayFileError
    ) throws(HolidayFileError) -> [DateToken] {
        var out: [DateToken] = []
        var currentYear: Int?
        var currentMonth: Int?
        for m in sentence.matches(of: datePattern) {
            guard let day = Int(m.3), let month = m.2.flatMap({ Int($0) }) ?? currentMonth else {
                throw fail("'\(m.0)': a day without its month")
            }
            let y = m.1.flatMap { Int($0) } ?? currentYear ?? (month == 12 && festival.contains("元旦") ? year - 1 : year)
            guard let date = CivilDate(year: y, month: month, day: day) else { throw fail("'\(m.0)' is not a date") }
            if let note = m.4, let w = note.firstMatch(of: weekdayPattern) {
                let given = "一二三四五六日".firstIndex(of: w.1 == "天" ? "日" : w.1.first!)
                    .map { "一二三四五六日".distance(from: "一二三四五六日".startIndex, to: $0) + 1 }
                if given != date.weekday {
                    throw fail("'\(m.0)': \(date) is a \(weekdayNames[date.weekday - 1]), not 周\(w.1)")
                }
            }
            if m.1 != nil { currentYear = y }
            currentMonth = month
            out.append(DateToken(date: date, range: m.range))
        }
        return out
    }

    private static let weekdayNames = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
}
