import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
import Testing

@Suite struct ProbeLoaderTests {
    static let valid = """
        probe:
          id: aes
          name: 阿尔山市人民政府门户网站
          base: http://www.aes.gov.cn/
        units:
          - id: szfb
            name: 市政府办公室
            full_name: 阿尔山市人民政府办公室
            type: city
            guide: /zwgk/xxgkzn/szfb/index.html
        columns:
          - url: /zwgk/zcwj/
            name: 政策文件
            type: policy
            unit: szfb
        """

    func error(_ text: String) -> String? {
        do {
            _ = try ProbeLoader.parse(text, file: "p.yaml")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func theWordingFileIsFoundBesideTheProbeOrRefusedWithItsLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wording-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("国土资源局\t自然资源局\n".utf8).write(to: dir.appendingPathComponent("w.tsv"))
        let file = dir.appendingPathComponent("p.yaml").path
        let p = try ProbeLoader.parse(Self.valid + "\nrules:\n  wording: { file: w.tsv }\n", file: file)
        #expect(p.rules[WordingRule.file] == dir.appendingPathComponent("w.tsv").path)
        do {
            _ = try ProbeLoader.parse(Self.valid + "\nrules:\n  wording: { file: missing.tsv }\n", file: file)
            Issue.record("a missing wording file was accepted")
        } catch {
            #expect("\(error)".contains("p.yaml:") && "\(error)".contains("rules.wording.file") && "\(error)".contains("cannot read"), "\(error)")
        }
        // The shipped example is a valid list.
        let example = try String(contentsOf: RuleRegistryTests.root.appendingPathComponent("Probes/arxan/wrong-phrases.tsv"), encoding: .utf8)
        let list = WordingList(text: example, file: "wrong-phrases.tsv")
        #expect(list.problems.isEmpty && list.entries.count >= 5)
    }

    @Test func readsRuleParameters() throws {
        let p = try ProbeLoader.parse(
            Self.valid + """

                rules:
                  late-disclosure: { working_days: 15 }
                  interpretation: { columns: [/zwgk/zcwj/], doc_numbers: ['阿政发〔\\d{4}〕\\d+号'], working_days: 5 }
                  stale-column: { news_days: 7, warn_at: 0.5 }
                  leak: { enabled: false }
                  unapproved: { since: "2026-01-01" }
                  annual-report: { town_street_due: "01-15" }
                """, file: "p.yaml")
        #expect(p.rules[LateDisclosureRule.workingDays] == 15)
        #expect(p.rules[InterpretationRule.columns] == ["http://www.aes.gov.cn/zwgk/zcwj/index.html"])
        #expect(p.rules[InterpretationRule.documentNumbers] == [#"阿政发〔\d{4}〕\d+号"#])
        #expect(p.rules[InterpretationRule.workingDays] == 5)
        #expect(p.rules[StaleColumnRule.newsDays] == 7 && p.rules[StaleColumnRule.warnAt] == 0.5)
        #expect(p.rules[StaleColumnRule.noticeDays] == 183)  // not set: the rule's default
        #expect(p.rules.disabled == [.leak])
        #expect(p.rules[UnapprovedRule.since] == CivilDate(iso: "2026-01-01"))
        #expect(p.rules[AnnualReportRule.townStreetDue] == MonthDay(month: 1, day: 15))
    }

    @Test func readsAValidProbe() throws {
        let p = try ProbeLoader.parse(Self.valid, file: "p.yaml")
        #expect(p.hosts == ["www.aes.gov.cn"])
        #expect(p.homepage == "http://www.aes.gov.cn/")
        #expect(p.columns.first?.url == "http://www.aes.gov.cn/zwgk/zcwj/index.html")
        #expect(p.units.first?.guide == "http://www.aes.gov.cn/zwgk/xxgkzn/szfb/index.html")
        #expect(p.crawl == CrawlSettings())
        let mailed = try ProbeLoader.parse(
            Self.valid.replacingOccurrences(of: "    type: city", with: "    type: city\n    email: zwgk@aes.gov.cn"), file: "p.yaml")
        #expect(mailed.units.first?.emails == ["zwgk@aes.gov.cn"] && p.units.first?.emails == [])
    }

    @Test(arguments: [
        ("missing key", Self.valid.replacingOccurrences(of: "    name: 政策文件\n", with: ""),
         "p.yaml:12: columns[0].name: missing key"),
        ("wrong type", Self.valid + "\ncrawl:\n  concurrency: eight\n",
         "p.yaml:17: crawl.concurrency: expected a whole number"),
        ("unknown column type", Self.valid.replacingOccurrences(of: "type: policy", with: "type: polcy"),
         "p.yaml:14: columns[0].type: expected one of news, notice, policy, interpretation, guide, catalogue, annual-report, other, got 'polcy'"),
        ("undeclared unit", Self.valid.replacingOccurrences(of: "unit: szfb", with: "unit: wcgz"),
         "p.yaml:15: columns[0].unit: unit 'wcgz' is not declared under units (declared: szfb)"),
        ("duplicate unit id", Self.valid.replacingOccurrences(of: "columns:", with: """
              - id: szfb
                name: 重复
                full_name: 重复单位
                type: town
            columns:
            """),
         "p.yaml:11: units[1].id: duplicate unit id 'szfb', first declared on line 6"),
        ("duplicate key", Self.valid.replacingOccurrences(of: "  base: http://www.aes.gov.cn/\n", with: "  base: http://www.aes.gov.cn/\n  id: other\n"),
         "p.yaml:5: id: duplicate key"),
        ("unknown key", Self.valid.replacingOccurrences(of: "    type: city", with: "    typ: city"),
         "p.yaml:9: units[0].typ: unknown key; expected one of aliases, annual_reports, catalogue, email, full_name, guide, id, name, type"),
        ("bad email", Self.valid.replacingOccurrences(of: "    type: city", with: "    type: city\n    email: [gk@aes.gov.cn, 政务公开办]"),
         "p.yaml:10: units[0].email: '政务公开办' is not a mail address"),
        ("bad base", Self.valid.replacingOccurrences(of: "base: http://www.aes.gov.cn/", with: "base: www.aes.gov.cn"),
         "p.yaml:4: probe.base: expected an http:// or https:// URL, got 'www.aes.gov.cn'"),
        ("syntax", "probe:\n  id: [unclosed\n", "p.yaml:3: YAML syntax: did not find expected ',' or ']'"),
        ("unknown rule", Self.valid + "\nrules:\n  late-disclosur: { working_days: 20 }\n",
         "p.yaml:17: rules.late-disclosur: unknown key; expected one of annual-report, broken-link, interpretation, late-disclosure, leak, national-veto, requests, site-availability, site-unavailable, stale-catalogue, stale-column, stale-guide, unapproved, unsourced-repost, wording"),
        ("bad regex", Self.valid + "\nrules:\n  interpretation:\n    doc_numbers: ['阿政发〔(\\d{4}〕']\n",
         "p.yaml:18: rules.interpretation.doc_numbers[0]: not a valid regular expression: 阿政发〔(\\d{4}〕"),
        ("bad due day", Self.valid + "\nrules:\n  annual-report: { city_due: 02-30 }\n",
         "p.yaml:17: rules.annual-report.city_due: expected a day as MM-DD, got '02-30'"),
        ("unknown parameter", Self.valid + "\nrules:\n  leak: { max_age_days: 3 }\n",
         "p.yaml:17: rules.leak.max_age_days: unknown key; expected one of enabled"),
        ("bad warn_at", Self.valid + "\nrules:\n  stale-column: { warn_at: 1.5 }\n",
         "p.yaml:17: rules.stale-column.warn_at: expected a share above 0 and below 1, such as 0.7"),
        ("feed schedule", Self.valid + "\nfeeds:\n  - { url: /f.xml, format: rss, account: 甲, unit: szfb, schedule: \"5 * * * *\" }\n",
         "p.yaml:17: feeds[0].schedule: feeds are fetched with their probe's check: set probe.schedule instead"),
        ("bad cron", Self.valid.replacingOccurrences(of: "  base: http://www.aes.gov.cn/\n", with: "  base: http://www.aes.gov.cn/\n  schedule: \"61 * * * *\"\n"),
         "p.yaml:5: probe.schedule: bad value '61' in the minute field (0-59)"),
        ("bad XPath", Self.valid + "\nparse:\n  entry: \"//ul[@class=\"\n",
         "p.yaml:17: parse.entry: not a valid XPath expression: '//ul[@class='"),
    ])
    func badProbeFilesNameFileLineAndKey(name: String, text: String, expected: String) {
        #expect(error(text) == expected, "\(name)")
    }

    @Test func duplicateProbeIdsAcrossFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("probes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.valid.write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try ("\u{FEFF}" + Self.valid.replacingOccurrences(of: "\n", with: "\r\n"))
            .write(to: dir.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: ConfigError(
            file: dir.appendingPathComponent("b.yaml").path, line: 1, key: "probe.id",
            message: "duplicate probe id 'aes', also in \(dir.appendingPathComponent("a.yaml").path)")) {
            try ProbeLoader.loadDirectory(dir.path)
        }
    }

    @Test func theRepositorysProbesLoadAndTheDemoProbeIsEmbeddedVerbatim() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let onDisk = try String(contentsOf: root.appendingPathComponent("Probes/demo/demo.yaml"), encoding: .utf8)
        #expect(onDisk == DemoProbe.yaml)
        let register = try String(
            contentsOf: root.appendingPathComponent("Probes/demo/registers/approvals.csv"), encoding: .utf8)
        #expect(register == DemoPortal.approvalRegister())
        let requests = try String(contentsOf: root.appendingPathComponent("Probes/demo/registers/requests.csv"), encoding: .utf8)
        #expect(requests == DemoRegisters.requests)
        for dir in ["Probes/demo", "Probes/arxan"] {
            #expect(try !ProbeLoader.loadDirectory(root.appendingPathComponent(dir).path).isEmpty)
        }
    }
}
