import Testing

@testable import GovWatchCore

@Suite struct CronScheduleTests {
    func at(_ s: String) -> LocalMinute {
        let parts = s.split(separator: " ")
        let hm = parts[1].split(separator: ":").map { Int($0)! }
        return LocalMinute(CivilDate(iso: String(parts[0]))!.daysSinceEpoch * 1440 + hm[0] * 60 + hm[1])
    }

    @Test(arguments: [
        ("0 7-22/2 * * *", "2026-11-24 06:30", "2026-11-24 07:00"),
        ("0 7-22/2 * * *", "2026-11-24 07:00", "2026-11-24 09:00"),
        ("0 7-22/2 * * *", "2026-11-24 21:00", "2026-11-25 07:00"),
        ("15 * * * *", "2026-11-24 10:15", "2026-11-24 11:15"),
        ("30 8 * * *", "2026-12-31 09:00", "2027-01-01 08:30"),
        ("*/20 * * * *", "2026-11-24 10:41", "2026-11-24 11:00"),
        ("0 3 * * 1", "2026-11-24 10:00", "2026-11-30 03:00"),  // Mondays
        ("0 3 1 * 1", "2026-11-24 10:00", "2026-11-30 03:00"),  // the 1st or a Monday
        ("0 0 29 2 *", "2026-03-01 00:00", "2028-02-29 00:00"),
    ])
    func next(expr: String, from: String, expected: String) throws {
        #expect(try CronSchedule(expr).next(after: at(from)) == at(expected))
    }

    @Test func previous() throws {
        let s = try CronSchedule("0 7-22/2 * * *")
        #expect(s.previous(atOrBefore: at("2026-11-24 06:59")) == at("2026-11-23 21:00"))
        #expect(s.previous(atOrBefore: at("2026-11-24 09:00")) == at("2026-11-24 09:00"))
        #expect(try CronSchedule("0 0 31 2 *").next(after: at("2026-01-01 00:00")) == nil)
    }

    @Test(arguments: [
        ("* * * *", "expected 5 fields (minute hour day month weekday), got 4 in '* * * *'"),
        ("60 * * * *", "bad value '60' in the minute field (0-59)"),
        ("0 22-7 * * *", "bad range '22-7' in the hour field (0-23)"),
        ("*/0 * * * *", "bad step '*/0' in the minute field"),
    ])
    func errors(expr: String, message: String) {
        #expect(throws: CronSchedule.ParseError(description: message)) { try CronSchedule(expr) }
    }

    @Test func localMinutesAreShanghaiTime() {
        // 2026-11-24 00:00 UTC is 08:00 in Shanghai.
        let m = LocalMinute(unixSeconds: 1_795_478_400)
        #expect(m.description == "2026-11-24 08:00")
        #expect(m.unixSeconds == 1_795_478_400)
    }
}
