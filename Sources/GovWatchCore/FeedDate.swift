/// Dates of feed items, turned into the day and minute they fall on in Asia/Shanghai.
///
/// Feeds write RFC 822 (`Tue, 05 Mar 2025 10:30:00 +0800`), RFC 3339
/// (`2025-03-05T10:30:00+08:00`, `…Z`) or Unix seconds (WeChat `update_time`).
public enum FeedDate {
    /// Shanghai is UTC+8 all year (no daylight saving since 1991).
    static let shanghaiOffsetMinutes = 8 * 60

    /// Day and minute in Shanghai of `seconds` since 1970-01-01 UTC.
    public static func shanghai(unixSeconds seconds: Int) -> ScannedDate {
        let minutes = seconds / 60 + shanghaiOffsetMinutes
        let day = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440
        return ScannedDate(date: CivilDate(daysSinceEpoch: day), minuteOfDay: minutes - day * 1440)
    }

    /// Parses an RFC 822 / RFC 1123 or an RFC 3339 date; nil when neither fits.
    public static func parse(_ text: String) -> ScannedDate? {
        let t = text.trimmingWhitespace()
        if let first = t.first, first.isNumber, let iso = parseRFC3339(t) { return iso }
        return parseRFC822(t)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func parseRFC822(_ t: String) -> ScannedDate? {
        var words = t.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if let w = words.first, w.first?.isLetter == true { words.removeFirst() }  // weekday
        guard words.count >= 4, let day = Int(words[0]),
            let month = months.firstIndex(of: String(words[1].prefix(3)).lowercased()),
            var year = Int(words[2])
        else { return nil }
        if year < 100 { year += 2000 }
        let hms = words[3].split(separator: ":").compactMap { Int($0) }
        guard hms.count >= 2, let date = CivilDate(year: year, month: month + 1, day: day) else { return nil }
        let offset = words.count > 4 ? zoneOffsetMinutes(words[4]) : 0
        return shift(date, minute: hms[0] * 60 + hms[1], fromOffset: offset ?? 0)
    }

    static func parseRFC3339(_ t: String) -> ScannedDate? {
        guard let scanned = DateScanner.firstDate(in: String(t.prefix(10))) else { return nil }
        let rest = t.dropFirst(10)
        guard rest.first == "T" || rest.first == " " else { return scanned }
        let time = rest.dropFirst()
        let hm = time.prefix(5).split(separator: ":").compactMap { Int($0) }
        guard hm.count == 2 else { return scanned }
        var zone = time.drop { $0.isNumber || $0 == ":" || $0 == "." }
        if zone.isEmpty { zone = "+08:00" }  // no zone: the site's own time
        let offset = zoneOffsetMinutes(String(zone)) ?? 0
        return shift(scanned.date, minute: hm[0] * 60 + hm[1], fromOffset: offset)
    }

    private static func zoneOffsetMinutes(_ z: String) -> Int? {
        let upper = z.uppercased()
        if upper == "Z" || upper == "GMT" || upper == "UT" || upper == "UTC" { return 0 }
        if upper == "CST" { return shanghaiOffsetMinutes }  // China Standard Time on Chinese feeds
        guard let sign = z.first, sign == "+" || sign == "-" else { return nil }
        let digits = z.dropFirst().filter(\.isNumber)
        guard digits.count == 4, let h = Int(digits.prefix(2)), let m = Int(digits.suffix(2)) else { return nil }
        return (sign == "-" ? -1 : 1) * (h * 60 + m)
    }

    private static func shift(_ date: CivilDate, minute: Int, fromOffset offset: Int) -> ScannedDate {
        let total = date.daysSinceEpoch * 1440 + minute - offset + shanghaiOffsetMinutes
        let day = total >= 0 ? total / 1440 : (total - 1439) / 1440
        return ScannedDate(date: CivilDate(daysSinceEpoch: day), minuteOfDay: total - day * 1440)
    }
}
