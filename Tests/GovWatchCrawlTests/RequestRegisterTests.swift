import CXlsxWriter
import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
import GovWatchStore
import Testing

/// The request register read from the files offices keep (UTF-8 CSV, GBK CSV as Excel saves
/// it, `.xlsx` with real date cells), scored under the default rubric, and checked end to end.
@Suite(.serialized) struct RequestRegisterTests {
    /// The demo's register, as a file.
    static let fixture: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gw-\(UUID().uuidString)-requests.csv")
        try! DemoRegisters.requests.write(to: url, atomically: true, encoding: .utf8)
        return url
    }()
    static let asOf = CivilDate(iso: "2026-12-01")!

    static func units() throws -> [UnitDefinition] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gw-requests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        return try ProbeLoader.loadFile(DemoProbe.write(to: dir, origin: "http://127.0.0.1:8780").path).units
    }

    static func findings(_ path: String) throws -> (RuleResult, RequestRegister) {
        let register = try RegisterFile.requests(path, units: try units())
        var world = ProbeWorld(probe: Probe(id: "t", name: "t", base: "http://127.0.0.1/", hosts: [], homepage: "/"), publications: [])
        world.requests = register
        return (RequestRule().evaluate(world, context: RuleContext(asOf: asOf)), register)
    }

    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("gw-\(UUID().uuidString)-\(name)").path
    }

    /// The fixture as an Excel workbook written by libxlsxwriter: dates as date cells (serial
    /// numbers with a date format), amounts as numbers, the rest as shared strings.
    static func xlsx(from csv: String) throws -> String {
        let path = temporary("台账.xlsx")
        let workbook = try #require(workbook_new(path))
        let sheet = workbook_add_worksheet(workbook, "台账")
        let dateFormat = workbook_add_format(workbook)
        format_set_num_format(dateFormat, "yyyy-mm-dd")
        for (r, row) in CSV.rows(csv).enumerated() {
            for (c, cell) in row.fields.enumerated() where !cell.isEmpty {
                if r > 0, let d = RegisterDate.parse(cell), cell.contains(where: { !$0.isNumber }) {
                    var dt = lxw_datetime(year: Int32(d.year), month: Int32(d.month), day: Int32(d.day), hour: 0, min: 0, sec: 0)
                    worksheet_write_datetime(sheet, lxw_row_t(r), lxw_col_t(c), &dt, dateFormat)
                } else if r > 0, let x = Double(cell) {
                    worksheet_write_number(sheet, lxw_row_t(r), lxw_col_t(c), x, nil)
                } else {
                    worksheet_write_string(sheet, lxw_row_t(r), lxw_col_t(c), cell, nil)
                }
            }
        }
        #expect(workbook_close(workbook) == LXW_NO_ERROR)
        return path
    }

    enum Format: String, CaseIterable { case utf8, utf8BOM, gbk, xlsx }

    /// The register saved as an office would save it.
    static func file(_ format: Format) throws -> String {
        let csv = DemoRegisters.requests
        switch format {
        case .utf8: return fixture.path
        case .utf8BOM:
            let path = temporary("bom.csv")
            try Data([0xEF, 0xBB, 0xBF] + Array(csv.utf8)).write(to: URL(fileURLWithPath: path))
            return path
        case .gbk:  // as Excel saves "CSV" on a Chinese Windows: GBK, CRLF
            let path = temporary("gbk.csv")
            try Data(GBK.encode(csv.replacingOccurrences(of: "\n", with: "\r\n"))).write(to: URL(fileURLWithPath: path))
            return path
        case .xlsx: return try xlsx(from: csv)
        }
    }

    @Test func theUTF8RegisterGivesItsFindings() throws {
        let (utf8, register) = try Self.findings(Self.fixture.path)
        #expect(register.problems.isEmpty, "\(register.problems)")
        #expect(register.records.count == 7)
        #expect(
            utf8.findings.map { "\($0.rule) \($0.unitID) \($0.evidence.first { $0.label == "申请编号" }!.value)" } == [
                "request-late jyj 2026-002", "request-fee wcgz 2026-003", "request-late szfb 2026-004",
                "request-extension szfb 2026-004", "request-corrected xhjd 2026-005", "request-third-party-late jyj 2026-006",
                "request-late szfb 2026-007",  // not answered, due 24 November
            ])
    }

    @Test(arguments: [Format.utf8BOM, .gbk, .xlsx]) func everyFormatGivesTheSameFindings(_ format: Format) throws {
        let (utf8, _) = try Self.findings(Self.fixture.path)
        let path = try Self.file(format)
        let (other, register) = try Self.findings(path)
        #expect(register.problems.isEmpty, "\(format): \(register.problems)")
        #expect(register.records.count == 7)
        #expect(other.findings.map(\.fingerprint) == utf8.findings.map(\.fingerprint))
        #expect(other.findings.map(\.description) == utf8.findings.map(\.description))
    }

    @Test func aBrokenWorkbookIsAReadableError() throws {
        let path = Self.temporary("broken.xlsx")
        try Data("PK\u{3}\u{4} not really".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: (any Error).self) { try RegisterFile.requests(path, units: []) }
        do {
            _ = try RegisterFile.requests(path, units: [])
        } catch {
            #expect("\(error)".contains("not an .xlsx workbook"))
        }
    }

    @Test func severalDeadlineProblemsOfOneRequestCostOnePoint() throws {
        let rows = [
            "申请编号,受理单位,收到日期,征求意见日期,意见答复日期,延期告知日期,答复日期",
            "2026-001,szfb,2026-05-06,2026-05-20,2026-05-22,2026-05-26,2026-06-30",
        ]
        let register = RequestRegister(
            rows: CSV.rows(rows.joined(separator: "\n")).map { ($0.line, $0.fields) }, file: "r.csv", units: try Self.units())
        var world = ProbeWorld(probe: Probe(id: "t", name: "t", base: "http://127.0.0.1/", hosts: [], homepage: "/"), publications: [])
        world.requests = register
        let findings = RequestRule().evaluate(world, context: RuleContext(asOf: Self.asOf)).findings
        #expect(findings.map(\.rule) == [.requestLate, .requestExtension, .requestThirdPartyLate])
        let rubric = RubricLoader.standard()
        #expect(findings.map { rubric.deduction(for: $0)?.points(for: $0) } == [1, 0, 0])
        #expect(findings.map { rubric.deduction(for: $0)?.line } == ["content-requests", "content-requests", "content-requests"])
    }

    @Test func feesAndReversalsCostOnTheirSupervisionLines() throws {
        let (result, _) = try Self.findings(Self.fixture.path)
        let rubric = RubricLoader.standard()
        let costs = result.findings.map { f in rubric.deduction(for: f).map { "\(f.rule) \($0.line) \($0.points(for: f))" } ?? "free" }
        #expect(
            costs == [
                "request-late content-requests 1.0", "request-fee supervision-fees 1.0", "request-late content-requests 1.0",
                "request-extension content-requests 0.0", "request-corrected supervision-oversight 3.0",
                "request-third-party-late content-requests 1.0", "request-late content-requests 1.0",
            ])
    }

    @Test func aCheckReadsTheRegisterNamedInTheProbeAndLogsTheDeductions() async throws {
        let site = try await TestSite.start(pages: DemoPortal.pages())
        defer { Task { await site.stop() } }
        let file = try DemoProbe.write(to: site.directory.appendingPathComponent("probes"), origin: site.origin)
        let probe = try ProbeLoader.loadFile(file.path)  // the demo probe names its register
        let asOf = CivilDate(iso: DemoPortal.asOf)!
        let report = try await Checker(probe: probe, database: site.database).run(asOf: asOf)
        let requests = report.findings.filter { $0.rule.rawValue.hasPrefix("request-") }
        #expect(requests.count == 7)
        #expect(requests.filter { $0.severity == .warning }.map(\.description) == ["申请即将到期：申请（编号2026-007）答复期限为2026-11-24，还剩2个工作日，尚未答复"])
        #expect(requests.allSatisfy { $0.url.hasPrefix("依申请公开台账#2026-00") })
        let lost = try site.database.deductions(period: asOf.year).filter { $0.lineID?.hasPrefix("content-requests") == true }
        #expect(lost.reduce(0) { $0 + $1.points } == 3)  // 002, 004 (once), 006
        // /status lists the 预警 (what lets a supervisor prevent the deduction).
        let gauges = try Metrics.Gauges.read(site.database, calendar: .china)
        #expect(gauges.requestsDueSoon == ["申请即将到期：申请（编号2026-007）答复期限为2026-11-24，还剩2个工作日，尚未答复"])

        // The register goes missing: the request rules do not run, and their findings stay open.
        try FileManager.default.removeItem(atPath: try #require(probe.requestRegister))
        let next = try await Checker(probe: probe, database: site.database).run(asOf: asOf.adding(days: 1))
        #expect(next.notes.contains { $0.hasPrefix("requests: ") && $0.hasSuffix("the request rules did not run") }, "\(next.notes)")
        #expect(next.reconcile.resolved == 0)
        #expect(try site.database.findings(status: .open).filter { $0.finding.rule.rawValue.hasPrefix("request-") }.count == 7)
    }

    @Test func govwatchRequestsListsTheRegisterWithDeadlinesInTextJSONAndCSV() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gw-requests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let probe = try DemoProbe.write(to: dir, origin: "http://127.0.0.1:8780")
        #expect(try ProbeLoader.loadFile(probe.path).requestRegister == dir.appendingPathComponent("registers/requests.csv").path)
        let tool = DaemonProcess.binary.path
        let args = ["requests", "--probes", dir.path, "--as-of", "2026-11-20"]

        let text = try runTool(tool, args)
        #expect(text.code == 0, "\(text.stderr)")
        let out = String(decoding: text.stdout, as: UTF8.self)
        #expect(out.contains("2026-004  szfb      2026-10-09  2026-11-05  2026-11-20  超期答复  request-late request-extension"), "\(out)")
        #expect(out.contains("2026-007  szfb      2026-10-27  2026-11-24  —           办理中"), "\(out)")
        #expect(out.hasSuffix("7 requests as of 2026-11-20\n"))

        struct Row: Decodable { var number: String; var due: String; var status: String; var findings: [String] }
        let json = try runTool(tool, args + ["--format", "json", "--status", "late"])
        let rows = try JSONDecoder().decode([Row].self, from: json.stdout)
        #expect(rows.map(\.number) == ["2026-002", "2026-004"])
        #expect(rows.map(\.due) == ["2026-10-10", "2026-11-05"] && rows.allSatisfy { $0.status == "answered-late" })

        let csv = try runTool(tool, args + ["--format", "csv", "--unit", "jyj"])
        #expect(
            String(decoding: csv.stdout, as: UTF8.self) == "申请编号,受理单位,收到日期,答复期限,答复日期,状态,问题\r\n"
                + "2026-002,jyj,2026-09-07,2026-10-10,2026-10-30,超期答复,request-late\r\n"
                + "2026-006,jyj,2026-09-14,2026-10-22,2026-10-22,已答复,request-third-party-late\r\n")

        // The template is what the register reader accepts: an empty register, no problems.
        let template = try runTool(tool, ["requests", "--template"])
        let path = Self.temporary("template.csv")
        try template.stdout.write(to: URL(fileURLWithPath: path))
        let empty = try RegisterFile.requests(path, units: [])
        #expect(empty.records.isEmpty && empty.problems.isEmpty)
    }
}
