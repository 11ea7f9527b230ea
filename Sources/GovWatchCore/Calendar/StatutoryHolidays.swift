/// The days off a year has by law alone, for a year whose State Council notice is not in
/// the data yet: 《全国年节及纪念日放假办法》 as revised in 2024 (in force from 2025).
///
/// - 元旦 1 day; 春节 4 days, 农历除夕 to 正月初三; 清明节 1 day; 劳动节 2 days (1–2 May);
///   端午节 1 day; 中秋节 1 day; 国庆节 3 days (1–3 October).
/// - A statutory day that falls on a Saturday or Sunday, or on another festival's day, is
///   given back on the next working day after the festival (第三条: 适逢周六、周日，应当在
///   工作日补假).
///
/// Make-up working days (调休) are decided each year by the notice and cannot be known in
/// advance: none are invented, so a provisional year has no working weekends.
public enum StatutoryHolidays {
    /// The years a provisional calendar can be made for: from the revision's first year to
    /// the end of the lunar table.
    public static let years = 2025...LunarDates.years.upperBound

    /// The year's days off (statutory days and the days given back), with their festival's
    /// name; nil outside `years`.
    public static func days(of year: Int) -> [HolidayDay]? {
        guard years.contains(year), let lunar = LunarDates.festivals(of: year) else { return nil }
        let date = { (month: Int, day: Int) in CivilDate(year: year, month: month, day: day)! }
        let festivals: [(name: String, days: [CivilDate])] = [
            ("元旦", [date(1, 1)]),
            ("春节", (-1...2).map { lunar.springFestival.adding(days: $0) }),
            ("清明节", [LunarDates.qingming(of: year)]),
            ("劳动节", [date(5, 1), date(5, 2)]),
            ("端午节", [lunar.dragonBoat]),
            ("中秋节", [lunar.midAutumn]),
            ("国庆节", [date(10, 1), date(10, 2), date(10, 3)]),
        ].sorted { $0.days[0] < $1.days[0] }

        var off: [Int: String] = [:]
        for festival in festivals {
            var owed = 0
            for day in festival.days {
                if day.weekday >= 6 || off[day.daysSinceEpoch] != nil { owed += 1 }
                off[day.daysSinceEpoch] = off[day.daysSinceEpoch].map { "\($0)、\(festival.name)" } ?? festival.name
            }
            var next = festival.days.last!
            while owed > 0 {
                next = next.adding(days: 1)
                guard next.weekday <= 5, off[next.daysSinceEpoch] == nil else { continue }
                off[next.daysSinceEpoch] = festival.name
                owed -= 1
            }
        }
        return off.keys.sorted().map { HolidayDay(date: CivilDate(daysSinceEpoch: $0), kind: .off, name: off[$0]!) }
    }
}
