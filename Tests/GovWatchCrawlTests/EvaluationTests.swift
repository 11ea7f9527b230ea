import Foundation
import FoundationXML
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
import GovWatchReport
import GovWatchStore
import Testing

@Suite(.serialized) struct EvaluationTests {
    /// The demo checked once, as of its day: 20 findings (one a 预警), 19 automatic deductions (one of 0 points).
    static func checkedDemo() async throws -> (TestSite, Evaluation) {
        let (site, probe) = try await CheckTests.demo()
        let report = try await Checker(probe: probe, database: site.database).run(asOf: CheckTests.asOf)
        #expect(report.newDeductions == 19)
        return (site, Evaluation(database: site.database, rubric: RubricLoader.standard()))
    }

    @Test func theShippedRubricIsThe附件11Table() throws {
        let rubric = RubricLoader.standard()
        #expect(rubric.categories.map(\.points) == [15, 50, 15, 20])
        #expect(rubric.lines.map(\.points) == [3, 3, 5, 4, 30, 20, 7, 4, 4, 3, 6, 4, 3, 4])
        #expect(rubric.rules[.lateDisclosure] == RuleDeduction(line: "content-timely", points: 1))
        #expect(rubric.rules[.leak]?.points == 3)
        #expect(rubric.rules[.annualReport]?.line == "supervision-report")
        #expect(rubric.rules[.staleGuide]?.line == "org-guide")
        #expect(rubric.rules[.staleCatalogue] == RuleDeduction(line: "form-catalogue", points: 3))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        #expect(try RubricLoader.load(root.appendingPathComponent("Probes/rubrics/arxan-2021.yaml").path) == rubric)
    }

    @Test func aRubricThatDoesNotAddUpIsRefusedWithItsFile() {
        let text = """
            rubric: { name: 坏标准 }
            categories:
              - name: 全部
                points: 100
                lines:
                  - { id: a, name: 甲, points: 90, text: t, deduction: d }
            """
        #expect(throws: ConfigError(file: "bad.yaml", line: 2, key: "categories", message: "category 全部: its lines add up to 90, not 100")) {
            try RubricLoader.parse(text, file: "bad.yaml")
        }
    }

    @Test func repeatChecksDoNotDeductAgainAndFixedProblemsStillCount() async throws {
        let (site, evaluation) = try await Self.checkedDemo()
        defer { Task { await site.stop() } }
        let (_, probe) = (site, try site.demoProbe())
        var withRegister = probe
        withRegister.approvalRegister = nil
        withRegister.requestRegister = site.directory.appendingPathComponent("probes/registers/requests.csv").path
        let again = try await Checker(probe: withRegister, database: site.database).run(asOf: CheckTests.asOf.adding(days: 1))
        #expect(again.newDeductions == 0)  // the unapproved findings resolved (no register now) but keep their deductions
        let deductions = try site.database.deductions(period: 2026)
        #expect(deductions.count == 19)
        #expect(deductions.filter { $0.findingStatus == .resolved }.count == 2)
        #expect(deductions.filter { $0.rectifiedOn != nil }.count == 2)
        let szfb = try #require(try evaluation.scores(period: 2026, unit: "szfb").first)
        #expect(szfb.total == 91)  // 92 before the request register: 2026-004 answered late
    }

    @Test func manualFraudAndRevokeAreAuditedAndBadInputWritesNothing() async throws {
        let (site, evaluation) = try await Self.checkedDemo()
        defer { Task { await site.stop() } }
        let day = CheckTests.asOf
        let manual = try evaluation.deduct(unit: "jyj", line: "公开栏", points: 1, reason: "办事大厅无公开栏", evidence: nil, by: "张三", period: 2026, on: day)
        _ = try evaluation.deductFraud(unit: "jyj", points: 2, reason: "自评材料不实", evidence: nil, by: "张三", period: 2026, on: day)
        // 3: its stale column; 2: two requests answered late or consulted late
        #expect(try evaluation.scores(period: 2026, unit: "jyj").first?.total == 100 - 3 - 2 - 1 - 2)
        try evaluation.revoke(id: manual, reason: "复核撤销", by: "李四")
        #expect(try evaluation.scores(period: 2026, unit: "jyj").first?.total == 100 - 3 - 2 - 2)
        #expect(try site.database.auditTrail().map(\.action) == ["deduct-manual", "deduct-fraud", "revoke"])

        let before = try site.database.deductions(period: 2026).count
        #expect(throws: StoreError("unknown unit 'nope'; units: szfb, wcgz, xhjd, jyj")) {
            try evaluation.deduct(unit: "nope", line: "form-office", points: 1, reason: "x", evidence: nil, by: "y", period: 2026, on: day)
        }
        #expect(throws: StoreError.self) {
            try evaluation.deduct(unit: "jyj", line: "nowhere", points: 1, reason: "x", evidence: nil, by: "y", period: 2026, on: day)
        }
        #expect(throws: StoreError("points must be more than 0 and at most 4 on form-office (公开栏), got 5")) {
            try evaluation.deduct(unit: "jyj", line: "form-office", points: 5, reason: "x", evidence: nil, by: "y", period: 2026, on: day)
        }
        #expect(throws: StoreError("fraud costs 2 to 5 points, got 6")) {
            try evaluation.deductFraud(unit: "jyj", points: 6, reason: "x", evidence: nil, by: "y", period: 2026, on: day)
        }
        #expect(throws: StoreError("deduction \(manual) is already revoked")) { try evaluation.revoke(id: manual, reason: "x", by: "y") }
        #expect(try site.database.deductions(period: 2026).count == before)
        #expect(try site.database.auditTrail().count == 3)
    }

    @Test func exportsHoldTheSameRowsInEveryFormat() async throws {
        let (site, evaluation) = try await Self.checkedDemo()
        defer { Task { await site.stop() } }
        _ = try evaluation.deduct(unit: "jyj", line: "form-office", points: 1, reason: "含,逗号和\"引号\"", evidence: nil, by: "张三", period: 2026, on: CheckTests.asOf)
        let sheet = EvaluationSheet(
            year: 2026, rubric: evaluation.rubric, deductions: try site.database.deductions(period: 2026),
            scores: try evaluation.scores(period: 2026), units: try site.database.units())
        let expected = [EvaluationSheet.logHeader] + sheet.log.map { $0.map(\.text) }
        #expect(sheet.log.count == 20)

        // CSV: BOM, then the rows a CSV parser reads back.
        let csv = CSVExport.render(header: EvaluationSheet.logHeader, rows: sheet.log)
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        #expect(CSV.rows(text).map(\.fields) == expected)

        // JSON round-trips.
        let json = JSONExport(sheet)
        #expect(try JSONDecoder().decode(JSONExport.self, from: try json.encoded()) == json)
        #expect(json.scores.count == 4)

        // XLSX: read the workbook's own XML back.
        let path = site.directory.appendingPathComponent("e.xlsx").path
        try XLSXExport.write(sheet, to: path)
        let book = try XLSXReader(path: path)
        #expect(book.sheetNames == ["扣分明细", "得分汇总", "图表"])
        #expect(book.rows(sheet: 1) == expected)
        #expect(book.rows(sheet: 2) == [sheet.scoreHeader] + sheet.scores.map { $0.map(\.text) })
        #expect(book.numberCells(sheet: 1).count == 20)  // 扣分 is a number, not text
    }
}

/// The evaluators' year-end pack: the 考评结果通报 and the print-ready workbook.
@Suite(.serialized) struct YearEndPackTests {
    @Test func theReportNamesEveryUnitWithItsScoreAndGradeInDocxAndHTML() async throws {
        let (site, evaluation) = try await EvaluationTests.checkedDemo()
        defer { Task { await site.stop() } }
        _ = try evaluation.deductFraud(unit: "jyj", points: 2, reason: "虚报公开数量", evidence: nil, by: "张三", period: 2026, on: CheckTests.asOf)
        let paths = try YearEndPack.write(
            evaluation, year: 2026, delivery: DeliverySettings(), templates: .standard, issuedOn: CheckTests.asOf,
            to: site.directory.path)
        #expect(paths.map { URL(fileURLWithPath: $0).lastPathComponent } == ["report-2026.docx", "report-2026.html", "evaluation-2026.xlsx"])
        let document = String(decoding: try unzipPart(paths[0], "word/document.xml"), as: UTF8.self)
        let html = try String(contentsOfFile: paths[1], encoding: .utf8)
        let names = try site.database.units().fullNames
        let scores = try evaluation.scores(period: 2026)
        #expect(scores.count == 4)
        for s in scores {
            let name = try #require(names[s.unitID])
            // A table row: the unit, then its score and grade (each in a cell of its own).
            let row = [name, Rubric.format(s.total), s.grade.rawValue].map { "<w:t xml:space=\"preserve\">\($0)</w:t>" }
            let at = try #require(document.range(of: row[0]), "\(name)")
            let after = document[at.upperBound...]
            #expect(after.range(of: row[1]).map { after.distance(from: after.startIndex, to: $0.lowerBound) < 600 } == true)
            #expect(after.range(of: row[2]) != nil)
            #expect(html.contains("<td style=\"border:1px solid #000\">\(name)</td><td style=\"border:1px solid #000;text-align:center\">\(Rubric.format(s.total))</td>"))
        }
        #expect(document.contains("阿政务公开办发〔2026〕1号") && document.contains("关于2026年度政府信息公开工作考评结果的通报"))
        #expect(document.contains("虚报公开数量") && html.contains("虚报公开数量"))  // 弄虚作假 (第十二条)
        #expect(html.contains("整改报告报送情况") && html.contains("本年度无逾期未整改的单位"))
        #expect(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))  // A4
    }

    @Test func theHTMLReportEscapesCrawledAndConfiguredNames() throws {
        var report = YearReport(
            year: 2026, rubric: RubricLoader.standard(), scores: [], units: [], deductions: [], notices: [],
            numberPrefix: "阿政务公开办", sequence: 1, issuer: "<b>办公室</b>", issuedOn: CivilDate(year: 2026, month: 12, day: 31)!)
        report.scores = [YearReport.UnitLine(unit: "<script>alert(1)</script>", score: "90", grade: "优秀")]
        let html = report.html()
        #expect(!html.contains("<script>alert(1)</script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<b>办公室</b>"))
    }

    @Test func theWorkbookPrintsLandscapeOnePageWideWithFiltersTitlesAndCharts() async throws {
        let (site, probe) = try await CheckTests.demo()
        defer { Task { await site.stop() } }
        // Two check days a week apart: the line chart of open findings has two points or more.
        _ = try await Checker(probe: probe, database: site.database).run(asOf: CheckTests.asOf)
        _ = try await Checker(probe: probe, database: site.database).run(asOf: CheckTests.asOf.adding(days: 7))
        let evaluation = Evaluation(database: site.database, rubric: RubricLoader.standard())
        let sheet = try YearEndPack.sheet(evaluation, year: 2026)
        #expect(sheet.openFindings.count >= 2)
        let path = site.directory.appendingPathComponent("evaluation-2026.xlsx").path
        try XLSXExport.write(sheet, to: path)
        let workbook = String(decoding: try unzipPart(path, "xl/workbook.xml"), as: UTF8.self)
        for n in 1...3 {
            let xml = String(decoding: try unzipPart(path, "xl/worksheets/sheet\(n).xml"), as: UTF8.self)
            #expect(xml.contains("orientation=\"landscape\"") && xml.contains("fitToHeight=\"0\""), "sheet\(n)")
            // One page wide: fitToPage with fitToWidth at its default of 1 (libxlsxwriter writes no default).
            #expect(xml.contains("<pageSetUpPr fitToPage=\"1\"/>") && !xml.contains("fitToWidth"), "sheet\(n)")
            #expect(xml.contains("<oddHeader>&amp;C2026年 阿尔山市政府信息公开考核评定标准</oddHeader>"), "sheet\(n)")
            #expect(xml.contains("<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>"), "sheet\(n)")
            if n < 3 { #expect(xml.contains("<autoFilter ref=\"A1:"), "sheet\(n)") }
        }
        #expect(workbook.contains("_xlnm.Print_Titles") && workbook.contains("'扣分明细'!$1:$1"))
        let bars = String(decoding: try unzipPart(path, "xl/charts/chart1.xml"), as: UTF8.self)
        let total = Character(UnicodeScalar(UInt8(65 + sheet.scoreHeader.firstIndex(of: "总分")!)))
        #expect(bars.contains("'得分汇总'!$\(total)$2:$\(total)$5") && bars.contains("'得分汇总'!$A$2:$A$5"))
        let line = String(decoding: try unzipPart(path, "xl/charts/chart2.xml"), as: UTF8.self)
        #expect(line.contains("<c:lineChart>") && line.contains("'图表'!$B$24:$B$\(23 + sheet.openFindings.count)"))
    }
}

/// One part of a ZIP file (an .xlsx or .docx), through the `unzip` tool.
func unzipPart(_ path: String, _ name: String) throws -> Data {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
    p.arguments = ["-p", path, name]
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return data
}

/// Reads an .xlsx's sheets by unzipping its XML parts (the `unzip` tool) and parsing them.
struct XLSXReader {
    let parts: [String: Data]

    init(path: String) throws {
        var parts: [String: Data] = [:]
        for name in ["xl/workbook.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
            parts[name] = try unzipPart(path, name)
        }
        self.parts = parts
    }

    var sheetNames: [String] { elements("xl/workbook.xml", "sheet").compactMap { $0.attributes["name"] } }

    private var strings: [String] { elements("xl/sharedStrings.xml", "si").map(\.text) }

    /// Every row as text, blank cells as ""; numbers as written, shared strings resolved.
    func rows(sheet: Int) -> [[String]] {
        let shared = strings
        var cells: [Int: [Int: String]] = [:]
        for c in elements("xl/worksheets/sheet\(sheet).xml", "c") {
            let ref = c.attributes["r"] ?? ""
            let column = ref.prefix { $0.isLetter }.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
            let row = Int(ref.drop { $0.isLetter }) ?? 0
            cells[row, default: [:]][column] = c.attributes["t"] == "s" ? shared[Int(c.text) ?? 0] : Rubric.format(Double(c.text) ?? .nan)
        }
        let width = (cells.values.flatMap(\.keys).max() ?? -1) + 1
        return cells.keys.sorted().map { r in (0..<width).map { cells[r]![$0] ?? "" } }
    }

    func numberCells(sheet: Int) -> [String] {
        elements("xl/worksheets/sheet\(sheet).xml", "c").filter { $0.attributes["t"] == nil }.map(\.text)
    }

    private func elements(_ part: String, _ name: String) -> [(attributes: [String: String], text: String)] {
        let collector = Collector(name: name)
        let parser = XMLParser(data: parts[part] ?? Data())
        parser.delegate = collector
        _ = parser.parse()
        return collector.found
    }

    private final class Collector: NSObject, XMLParserDelegate {
        let name: String
        var found: [(attributes: [String: String], text: String)] = []
        var depth = 0
        init(name: String) { self.name = name }

        func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            if e == name {
                found.append((attributes, ""))
                depth = 1
            } else if depth > 0 {
                depth += 1
            }
        }

        func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
            if depth > 0 { depth -= 1 }
        }

        func parser(_ parser: XMLParser, foundCharacters s: String) {
            if depth > 0 { found[found.count - 1].text += s }
        }
    }
}
