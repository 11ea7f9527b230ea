/// A date found in text, with the time of day when one follows it.
public struct ScannedDate: Sendable, Hashable {
    public var date: CivilDate
    /// Minutes after midnight, when the text gave `HH:MM`.
    public var minuteOfDay: Int?
}

/// Finds dates in the forms Chinese government pages use:
/// `2025-03-05 10:30`, `2025/3/5`, `2025.03.05`, `2025年3月5日`, `2025年03月05日 10:30`.
///
/// A hand-written scanner over Unicode scalars: it runs on every listing entry and info
/// table of a crawl, and needs no regular expression engine.
public enum DateScanner {
    /// The first valid date in `text`, or nil.
    public static func firstDate(in text: String) -> ScannedDate? {
        let s = Array(text.unicodeScalars)
        var i = 0
        while i < s.count {
            if isDigit(s[i]), i == 0 || !isDigit(s[i - 1]), let found = match(s, at: i) {
                return found
            }
            i += 1
        }
        return nil
    }

    /// The latest valid date in `text` (a catalogue row shows 成文日期 and 发布日期: the later
    /// one is when it went online), or nil.
    public static func latestDate(in text: String) -> CivilDate? {
        let s = Array(text.unicodeScalars)
        var latest: CivilDate?
        var i = 0
        while i < s.count {
            if isDigit(s[i]), i == 0 || !isDigit(s[i - 1]), let found = match(s, at: i) {
                latest = max(latest ?? found.date, found.date)
            }
            i += 1
        }
        return latest
    }

    /// A date written without its year (`11-18`, `[03/05]`, `3月5日`), as homepages show
    /// them: the latest such day on or before `reference`.
    public static func monthDay(in text: String, before reference: CivilDate) -> CivilDate? {
        let s = Array(text.unicodeScalars)
        var i = 0
        while i < s.count {
            defer { i += 1 }
            guard isDigit(s[i]), i == 0 || !(isDigit(s[i - 1]) || "-/.年".unicodeScalars.contains(s[i - 1])) else { continue }
            var j = i
            guard let month = number(s, &j, min: 1, max: 2), j < s.count else { continue }
            let sep = s[j]
            guard sep == "-" || sep == "/" || sep == "月" else { continue }
            j += 1
            guard let day = number(s, &j, min: 1, max: 2), j >= s.count || !isDigit(s[j]) else { continue }
            if sep == "月", j >= s.count || s[j] != "日" { continue }
            if sep != "月", j < s.count, s[j] == sep { continue }  // 2025-03-05 minus its year is not this form
            for year in [reference.year, reference.year - 1] {
                if let d = CivilDate(year: year, month: month, day: day), d <= reference { return d }
            }
        }
        return nil
    }

    private static func match(_ s: [Unicode.Scalar], at start: Int) -> ScannedDate? {
        var i = start
        guard let year = number(s, &i, min: 4, max: 4) else { return nil }
        guard i < s.count else { return nil }
        let sep = s[i]
        let chinese = sep == "年"
        guard chinese || sep == "-" || sep == "/" || sep == "." else { return nil }
        i += 1
        skipSpaces(s, &i)
        guard let month = number(s, &i, min: 1, max: 2), i < s.count else { return nil }
        if chinese {
            guard s[i] == "月" else { return nil }
        } else {
            guard s[i] == sep else { return nil }
        }
        i += 1
        skipSpaces(s, &i)
        guard let day = number(s, &i, min: 1, max: 2) else { return nil }
        if i < s.count, isDigit(s[i]) { return nil }
        guard let date = CivilDate(year: year, month: month, day: day) else { return nil }
        if chinese, i < s.count, s[i] == "日" || s[i] == "号" { i += 1 }
        return ScannedDate(date: date, minuteOfDay: time(s, from: i))
    }

    private static func time(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        var i = start
        skipSpaces(s, &i)
        guard let hour = number(s, &i, min: 1, max: 2), i < s.count, s[i] == ":" || s[i] == "：" else {
            return nil
        }
        i += 1
        guard let minute = number(s, &i, min: 2, max: 2), hour < 24, minute < 60 else { return nil }
        return hour * 60 + minute
    }

    private static func number(_ s: [Unicode.Scalar], _ i: inout Int, min: Int, max: Int) -> Int? {
        var value = 0
        var n = 0
        while i < s.count, n < max, isDigit(s[i]) {
            value = value * 10 + Int(s[i].value - 48)
            i += 1
            n += 1
        }
        return n >= min ? value : nil
    }

    private static func skipSpaces(_ s: [Unicode.Scalar], _ i: inout Int) {
        while i < s.count, s[i] == " " || s[i] == "\u{3000}" || s[i] == "\u{A0}" { i += 1 }
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
}
