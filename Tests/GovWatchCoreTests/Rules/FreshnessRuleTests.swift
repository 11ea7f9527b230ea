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
