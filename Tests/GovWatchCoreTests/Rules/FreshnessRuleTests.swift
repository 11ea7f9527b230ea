import Testing

@testable import GovWatchCore

@Suite struct StaleGuideRuleTests {
    func guide(_ unit: String, _ date: String) -> Publication {
        Fixture.page("zwgk/xxgkzn/\(unit)/index.html", unit: unit, published: date)
    }

    @Test func olderThanTheLimitOrMissing() {
        let found = Fixture.run(StaleGuideRule(), Fixture.world([guide("szfb", "2025-11-19")]))
        #expect(found.seen == [Seen(.staleGuide, "szfb", "zwgk/xxgkzn/szfb/index.html"), Seen(.staleGuide, "wcgz", "zwgk/xxgkzn/wcgz/index.html")])
    }

    @Test func withinTheLimitIsFine() {
        // 366 days old is stale, 365 is not; jyj declares no guide.
        let world = Fixture.world([guide("szfb", "2025-11-20"), guide("wcgz", "2026-11-01")])
        #expect(Fixture.run(StaleGuideRule(), world).isEmpty)
    }

    @Test func aGuideThatIsGoneIsMissingEvenIfStoredAndOneThatCannotBeReachedIsNotJudged() {
        let gone = ProbeWorld(
            probe: Fixture.probe, publications: [guide("szfb", "2026-11-01"), guide("wcgz", "2026-11-01")],
            missing: [Fixture.base + "zwgk/xxgkzn/wcgz/index.html"])
        #expect(Fixture.run(StaleGuideRule(), gone).seen == [Seen(.staleGuide, "wcgz", "zwgk/xxgkzn/wcgz/index.html")])
        let down = Fixture.world([guide("szfb", "2026-11-01")], unreachable: [Fixture.base + "zwgk/xxgkzn/wcgz/index.html"])
        let result = StaleGuideRule().evaluate(down, context: RuleContext(asOf: Fixture.day("2026-11-20")))
        #expect(result.findings.isEmpty)
        #expect(result.notes == ["stale-guide: \(Fixture.base)zwgk/xxgkzn/wcgz/index.html could not be reached; not judged"])
    }
}

@Suite struct StaleCatalogueRuleTests {
    @Test func disclosureItemsMustBeInTheirUnitsCatalogue() {
        let listed = Fixture.page("zwgk/zcwj/a.html", column: Fixture.policy, published: "2026-10-01", index: "A-1")
        let unlisted = Fixture.page("zwgk/zcwj/b.html", column: Fixture.policy, published: "2026-10-02", index: "A-2")
        let noIndex = Fixture.page("xwzx/c.html", column: Fixture.news, published: "2026-10-03")
        let otherUnit = Fixture.page("x/d.html", unit: "wcgz", published: "2026-10-03", index: "B-1")  // wcgz has no catalogue
        let world = Fixture.world(
            [listed, unlisted, noIndex, otherUnit],
            listings: ["catalogue:szfb": [Fixture.listing(Fixture.probe.units[0].catalogue!, [("zwgk/zcwj/a.html", "2026-10-01")])]])
        #expect(Fixture.run(StaleCatalogueRule(), world).seen == [Seen(.staleCatalogue, "szfb", "zwgk/zcwj/b.html")])
    }
}

@Suite struct StaleColumnRuleTests {
    func listings(news: String?, notice: String?, home: String? = "2026-11-19") -> [String: [ListingPage]] {
        var l: [String: [ListingPage]] = [:]
        l[Fixture.news] = [Fixture.listing(Fixture.news, news.map { [("xwzx/a.html", $0)] } ?? [])]
        l[Fixture.notice] = [Fixture.listing(Fixture.notice, notice.map { [("bmxx/a.html", $0)] } ?? [])]
        l[Fixture.policy] = [Fixture.listing(Fixture.policy, [("zwgk/zcwj/a.html", "2026-11-01")])]
        l[Fixture.jd] = [Fixture.listing(Fixture.jd, [("zwgk/zcjd/a.html", "2026-11-01")])]
        if let home { l["homepage"] = [Fixture.listing(Fixture.probe.homepage, [("xwzx/a.html", home)])] }
        return l
    }
    let feedItem = Publication(url: "https://mp.weixin.qq.com/s/1", kind: .feedItem, published: CivilDate(iso: "2026-11-15"), unitID: "wcgz", feedURL: Fixture.base + "feeds/wx.json")

    func severities(_ found: [Finding]) -> [String: Severity] {
        Dictionary(found.map { (String($0.url.dropFirst(Fixture.base.count)), $0.severity) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func freshColumnsAreFine() {
        #expect(Fixture.run(StaleColumnRule(), Fixture.world([feedItem], listings: listings(news: "2026-11-12", notice: "2026-09-01"))).isEmpty)
    }

    @Test func limitsAndEarlyWarnings() {
        // news 15 days (> 14): stale; notice 184 days (> 183): stale; feed 9 days: fine;
        // homepage 10 days: early warning (10 ≥ 0.7 × 14).
        let found = Fixture.run(
            StaleColumnRule(), Fixture.world([feedItem], listings: listings(news: "2026-11-05", notice: "2026-05-20", home: "2026-11-10")),
            asOf: "2026-11-20")
        #expect(severities(found) == ["xwzx/asyw/index.html": .violation, "bmxx/jyj/tzgg/index.html": .violation, "index.html": .warning])
        #expect(found.first { $0.severity == .warning }?.unitID == "szfb")
    }

    @Test func emptyColumnsAndSilentAccountsAreStale() {
        let found = Fixture.run(StaleColumnRule(), Fixture.world([], listings: listings(news: nil, notice: "2026-11-01")))
        #expect(severities(found) == ["xwzx/asyw/index.html": .violation, "feeds/wx.json": .violation])
        #expect(found.contains { $0.unitID == "wcgz" && $0.description.contains("五岔沟镇人民政府") })
    }

    @Test func anUndatedListingIsJudgedByItsPagesDatesAndIsNotEmpty() {
        let undated = ListingPage(
            url: Fixture.news, entries: [ListingEntry(title: "a", url: Fixture.base + "a.html", date: nil)])
        var listings = self.listings(news: nil, notice: "2026-11-01")
        listings[Fixture.news] = [undated]
        // The linked page went online 20 days ago: stale (news limit 14), not empty.
        let stale = Fixture.run(
            StaleColumnRule(), Fixture.world([feedItem, Fixture.page("a.html", published: "2026-10-31")], listings: listings))
        #expect(stale.count == 1 && stale[0].url == Fixture.news && stale[0].description.contains("20天未更新"))
        // Its page has no date either: not judged, and said so.
        let result = StaleColumnRule().evaluate(Fixture.world([feedItem], listings: listings), context: RuleContext(asOf: Fixture.day("2026-11-20")))
        #expect(result.findings.isEmpty && result.notes.contains { $0.contains("no dates") })
    }

    @Test func aColumnThatCannotBeReachedIsNotJudged() {
        let world = Fixture.world([feedItem], listings: listings(news: nil, notice: "2026-11-01"), unreachable: [Fixture.news])
        #expect(Fixture.run(StaleColumnRule(), world).isEmpty)
    }

    @Test func aWarningAndALaterViolationAreDifferentFindings() {
        let world = Fixture.world([feedItem], listings: listings(news: "2026-11-08", notice: "2026-11-01"))
        let warning = Fixture.run(StaleColumnRule(), world, asOf: "2026-11-18").first { $0.url == Fixture.news }!
        let violation = Fixture.run(StaleColumnRule(), world, asOf: "2026-11-23").first { $0.url == Fixture.news }!
        #expect(warning.severity == .warning)
        #expect(violation.severity == .violation)
        #expect(warning.fingerprint != violation.fingerprint)
    }
}

@Suite struct SiteUnavailableRuleTests {
    @Test func aHomepageThatCannotBeFetchedIsSevere() {
        let down = Fixture.world([], unreachable: [Fixture.probe.homepage])
        let found = Fixture.run(SiteUnavailableRule(), down)
        #expect(found.seen == [Seen(.siteUnavailable, "szfb", "index.html")])
        #expect(found.first?.severity == .severe)
        let gone = ProbeWorld(probe: Fixture.probe, publications: [], missing: [Fixture.probe.homepage])
        #expect(Fixture.run(SiteUnavailableRule(), gone).count == 1)
        #expect(Fixture.run(SiteUnavailableRule(), Fixture.world([])).isEmpty)
    }
}

/// The national checklist's veto lines on updating, at and just below each line.
@Suite struct NationalVetoRuleTests {
    static let asOf = "2026-11-20"

    /// A site of `fresh` + `silent` + `empty` news columns, the homepage `homeAge` days old and a
    /// WeChat account `feedAge` days old.
    func world(fresh: Int = 3, silent: Int = 0, empty: Int = 0, homeAge: Int = 1, feedAge: Int = 1) -> ProbeWorld {
        var probe = Fixture.probe
        var listings: [String: [ListingPage]] = [:]
        let day = Fixture.day(Self.asOf)
        probe.columns = []
        for (k, age) in (Array(repeating: 1, count: fresh) + Array(repeating: 15, count: silent) + Array(repeating: -1, count: empty)).enumerated() {
            let url = Fixture.base + "c\(k)/index.html"
            probe.columns.append(ColumnDefinition(url: url, name: "栏目\(k)", type: .news, unitID: "szfb"))
            listings[url] = [Fixture.listing(url, age < 0 ? [] : [("c\(k)/a.html", day.adding(days: -age).description)])]
        }
        listings["homepage"] = [Fixture.listing(probe.homepage, [("c0/a.html", day.adding(days: -homeAge).description)])]
        let item = Publication(
            url: "https://mp.weixin.qq.com/s/1", kind: .feedItem, published: day.adding(days: -feedAge), unitID: "wcgz",
            feedURL: Fixture.base + "feeds/wx.json")
        return ProbeWorld(probe: probe, publications: [item], listings: listings)
    }

    /// `line (severity)` for each finding.
    func lines(_ w: ProbeWorld) -> [String] {
        Fixture.run(NationalVetoRule(), w, asOf: Self.asOf).map { "\($0.evidence[0].value) (\($0.severity.rawValue))" }
    }

    @Test func aFreshSiteIsFine() {
        #expect(lines(world()).isEmpty)
    }

    @Test func theHomepageAndTheWeChatAccount() {
        #expect(lines(world(homeAge: 9, feedAge: 9)).isEmpty)
        #expect(lines(world(homeAge: 10, feedAge: 14)) == ["首页栏目信息超过2周未更新 (warning)", "政务新媒体超过2周未更新 (warning)"])
        #expect(lines(world(homeAge: 15, feedAge: 15)) == ["首页栏目信息超过2周未更新 (violation)", "政务新媒体超过2周未更新 (violation)"])
    }

    @Test func silentColumnsAtAndBelowFive() {
        #expect(lines(world(silent: 4)).isEmpty)
        #expect(lines(world(silent: 5)) == ["动态要闻类栏目超过2周、通知公告政策文件类栏目超过6个月未更新的栏目达5个以上 (violation)"])
    }

    @Test func emptyColumnsWarnAtTwoAndVetoAtFive() {
        #expect(lines(world(empty: 1)).isEmpty)
        #expect(lines(world(empty: 2)) == ["空白栏目达5个以上 (warning)"])
        #expect(lines(world(empty: 4)) == ["空白栏目达5个以上 (warning)"])
        #expect(lines(world(empty: 5)) == ["空白栏目达5个以上 (violation)"])
    }

    @Test func moreThanTenColumnsThatShouldUpdate() {
        // 4 silent + 1 empty: below every line but the empty-column warning; 6 in all warns.
        #expect(lines(world(silent: 4, empty: 1)).isEmpty)
        #expect(lines(world(silent: 4, empty: 2)) == ["空白栏目达5个以上 (warning)", "应更新但长期未更新的栏目超过10个 (warning)"])
        let ten = lines(world(silent: 4, empty: 4, homeAge: 1)) + lines(world(silent: 6, empty: 4))
        #expect(!ten.contains("应更新但长期未更新的栏目超过10个 (violation)"))
        #expect(lines(world(silent: 7, empty: 4)).contains("应更新但长期未更新的栏目超过10个 (violation)"))
    }

    @Test func findingsListTheColumns() {
        let found = Fixture.run(NationalVetoRule(), world(fresh: 1, silent: 5), asOf: Self.asOf)
        #expect(found.count == 1 && found[0].unitID == "szfb" && found[0].url == Fixture.probe.homepage)
        #expect(found[0].evidence[1] == Evidence("数量", "5"))
        #expect(found[0].evidence[2].value.hasPrefix("栏目1（最近更新2026-11-05）；栏目2"))
    }
}
