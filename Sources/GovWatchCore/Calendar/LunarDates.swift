/// The Gregorian dates of the lunar festivals the statutory holidays follow — 春节 (正月初一),
/// 端午节 (五月初五) and 中秋节 (八月十五) — for 2019–2060, as Foundation's Chinese calendar
/// (ICU) gives them; `LunarDatesTests` checks every row against it. 清明 is a solar term:
/// its day comes from the term's formula, checked against the shipped years.
enum LunarDates {
    /// The years the table covers.
    static let years = 2019...2060

    /// 春节, 端午节, 中秋节 of a year as (month, day); nil outside `years`.
    static func festivals(of year: Int) -> (springFestival: CivilDate, dragonBoat: CivilDate, midAutumn: CivilDate)? {
        guard years.contains(year) else { return nil }
        let row = table[year - years.lowerBound]
        func day(_ md: Int) -> CivilDate { CivilDate(year: year, month: md / 100, day: md % 100)! }
        return (day(row.0), day(row.1), day(row.2))
    }

    /// 清明 (the sun at 15°): 4 April plus the 21st-century term formula ⌊Y·0.2422 + 4.81⌋ − ⌊Y/4⌋.
    static func qingming(of year: Int) -> CivilDate {
        let y = year % 100
        let day = Int(Double(y) * 0.2422 + 4.81) - y / 4
        return CivilDate(year: year, month: 4, day: day)!
    }

    /// MMDD of 正月初一, 五月初五, 八月十五, from 2019.
    private static let table: [(Int, Int, Int)] = [
        (205, 607, 913),  // 2019
        (125, 625, 1001),  // 2020
        (212, 614, 921),  // 2021
        (201, 603, 910),  // 2022
        (122, 622, 929),  // 2023
        (210, 610, 917),  // 2024
        (129, 531, 1006),  // 2025
        (217, 619, 925),  // 2026
        (206, 609, 915),  // 2027
        (126, 528, 1003),  // 2028
        (213, 616, 922),  // 2029
        (203, 605, 912),  // 2030
        (123, 624, 1001),  // 2031
        (211, 612, 919),  // 2032
        (131, 601, 908),  // 2033
        (219, 620, 927),  // 2034
        (208, 610, 916),  // 2035
        (128, 530, 1004),  // 2036
        (215, 618, 924),  // 2037
        (204, 607, 913),  // 2038
        (124, 527, 1002),  // 2039
        (212, 614, 920),  // 2040
        (201, 603, 910),  // 2041
        (122, 622, 928),  // 2042
        (210, 611, 917),  // 2043
        (130, 531, 1005),  // 2044
        (217, 619, 925),  // 2045
        (206, 608, 915),  // 2046
        (126, 529, 1004),  // 2047
        (214, 615, 922),  // 2048
        (202, 604, 911),  // 2049
        (123, 623, 930),  // 2050
        (211, 613, 919),  // 2051
        (201, 601, 907),  // 2052
        (219, 620, 926),  // 2053
        (208, 610, 916),  // 2054
        (128, 530, 1005),  // 2055
        (215, 617, 924),  // 2056
        (204, 606, 913),  // 2057
        (124, 625, 1002),  // 2058
        (212, 614, 921),  // 2059
        (202, 603, 909),  // 2060
    ]
}
