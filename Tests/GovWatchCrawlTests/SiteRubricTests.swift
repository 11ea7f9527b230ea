import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
import GovWatchReport
import GovWatchStore
import Testing

/// The national checklist as a second rubric, scored per site.
@Suite struct SiteRubricTests {
    static let rubric = try! SiteRubricLoader.parse(SiteRubricLoader.shipped["national-2019"]!, file: "national-2019.yaml")

    func finding(_ rule: RuleID, _ severity: Severity = .violation, _ n: Int = 0) -> Finding {
        Finding(rule: rule, unitID: "szfb", url: "http://127.0.0.1/\(n)", clause: "", description: "\(rule) \(n)", evidence: [], severity: severity)
    }

    @Test func theShippedChecklistLoadsAndMapsOnlyKnownRules() {
        #expect(Self.rubric.vetoes.map(\.id) == ["unavailable", "not-updated", "serious-error", "leak"])
        #expect(Self.rubric.items.reduce(0) { $0 + $1.points } == 100 && Self.rubric.failOver == 20)
    }

    @Test func aVetoFailsTheSiteAndItsWarningDoesNot() {
        let warned = Self.rubric.verdict(probeID: "p", findings: [finding(.nationalVeto, .warning), finding(.staleColumn)])
        #expect(warned.passed && warned.vetoes.isEmpty && warned.warnings == ["national-veto 0"] && warned.pointsLost == 2)
        let vetoed = Self.rubric.verdict(probeID: "p", findings: [finding(.siteAvailability)])
        #expect(!vetoed.passed && vetoed.verdict == "不合格" && vetoed.vetoes.map(\.veto) == ["站点无法访问"])
    }

    @Test func deductionsAreCappedPerItemAndFailPastTwenty() {
        // 20 stale columns ask 40 points of a 30-point item: 30 lost, past 20: fails.
        let many = Self.rubric.verdict(probeID: "p", findings: (0..<20).map { finding(.staleColumn, .violation, $0) })
        #expect(many.pointsLost == 30 && !many.passed && many.vetoes.isEmpty)
        let ten = Self.rubric.verdict(probeID: "p", findings: (0..<10).map { finding(.staleColumn, .violation, $0) })
        #expect(ten.pointsLost == 20 && ten.passed)  // 20 is not more than 20
    }

    @Test func aRubricNamingAnUnknownRuleIsRefusedWithItsLine() {
        let bad = SiteRubricLoader.shipped["national-2019"]!.replacingOccurrences(of: "rules: [site-availability]", with: "rules: [site-avail]")
        do {
            _ = try SiteRubricLoader.parse(bad, file: "n.yaml")
            Issue.record("accepted")
        } catch {
            #expect("\(error)".contains("n.yaml:") && "\(error)".contains("unknown rule 'site-avail'"))
        }
    }

    @Test func theDemoPortalFailsTheNationalCheckOnItsSilentWeChatAccount() async throws {
        let (site, probe) = try await CheckTests.demo()
        defer { Task { await site.stop() } }
        _ = try await Checker(probe: probe, database: site.database).run(asOf: CheckTests.asOf)
        let verdicts = try SiteScores.verdicts(site.database, rubric: Self.rubric)
        #expect(verdicts.map(\.probeID) == ["demo"])
        let demo = try #require(verdicts.first)
        #expect(!demo.passed && demo.vetoes.map(\.veto) == ["不更新", "泄露国家秘密或个人信息（安全、保密）"])
        #expect(demo.vetoes[0].findings.first?.contains("微信公众号") == true)
        // The digest says it at the top, in every format.
        let digest = try Digest.build(
            database: site.database, date: CheckTests.asOf, window: .everything, rubric: RubricLoader.standard(), calendar: .china,
            national: verdicts)
        #expect(digest.national.count == 1 && digest.national[0].hasPrefix("站点 demo：不合格（单项否决：不更新、泄露国家秘密或个人信息"))
        for name in ["digest.html", "digest.txt", "digest.md"] {
            #expect(Templates.standard.render(digest, name).contains("政府网站检查指标"), "\(name)")
        }
        // The city table is untouched beside it.
        let city = Evaluation(database: site.database, rubric: RubricLoader.standard())
        #expect(try city.scores(period: 2026).map(\.total).sorted() == [91, 91, 95, 95])
    }
}
