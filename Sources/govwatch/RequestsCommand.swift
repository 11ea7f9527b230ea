import ArgumentParser
import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchReport

/// `govwatch requests`: the request register as govwatch reads it, with each deadline.
struct RequestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests",
        abstract: "The request register (依申请公开 登记台账) of each probe, with each request's deadline and status.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv }
    enum Status: String, ExpressibleByArgument, CaseIterable { case open, late, answered }

    @Option(help: "Directory of probe files (*.yaml).") var probes: String?
    @Option(help: "Only this unit (id).") var unit: String?
    @Option(help: "open (not answered), late (answered late or overdue), answered.") var status: Status?
    @Option(name: .customLong("as-of"), help: "The day (YYYY-MM-DD); default: today in Asia/Shanghai.") var asOf: String?
    @Option(help: "A holiday override file for years the shipped calendar lacks.") var holidays: String?
    @Option(help: "text, json or csv.") var format: Format = .text
    @Flag(help: "Print an empty register (the header, UTF-8 with BOM for Excel) and exit.") var template = false

    /// One request with what govwatch computed for it.
    struct Row: Encodable {
        var probe: String
        var number: String
        var unit: String
        var received: String
        var due: String
        var provisional: Bool
        var extended: Bool
        var answered: String?
        var status: String
        var findings: [String]
    }

    func validate() throws {
        if !template && probes == nil { throw ValidationError("--probes DIR is required (or --template)") }
    }

    func run() throws {
        if template {
            print("\u{FEFF}" + (RequestRegister.required + RequestRegister.optional).joined(separator: ","), terminator: "\r\n")
            return
        }
        let day = try parseDay(asOf) ?? ShanghaiClock.today()
        let calendar = try loadCalendar(holidays)
        let withRegister = try loadProbes(probes!).filter { $0.requestRegister != nil }
        guard !withRegister.isEmpty else { throw ValidationError("no probe in \(probes!) names registers.requests") }
        var rows: [Row] = []
        for probe in withRegister {
            let register = try RegisterFile.requests(probe.requestRegister!, units: probe.units)
            for problem in register.problems { FileHandle.standardError.write(Data("note: \(problem)\n".utf8)) }
            var world = ProbeWorld(probe: probe, publications: [])
            world.requests = register
            let findings = RequestRule().evaluate(world, context: RuleContext(asOf: day, calendar: calendar, settings: probe.rules))
                .findings
            for r in register.records where unit == nil || r.unitID == unit {
                let deadline = try RequestDeadline(r, calendar: calendar)
                let state = RequestStatus(r, deadline: deadline, asOf: day)
                switch status {
                case .open?: if state.isAnswered { continue }
                case .late?: if !state.isLate { continue }
                case .answered?: if !state.isAnswered { continue }
                case nil: break
                }
                rows.append(
                    Row(
                        probe: probe.id, number: r.number, unit: r.unitID, received: r.received.description,
                        due: deadline.due.description, provisional: deadline.provisional, extended: deadline.extended,
                        answered: r.answered?.description, status: state.rawValue,
                        findings: findings.filter { $0.url == RequestRule.subject(r.number) }.map(\.rule.rawValue)))
            }
        }
        print(try render(rows), terminator: "")
    }

    private func render(_ rows: [Row]) throws -> String {
        switch format {
        case .json:
            return try jsonText(rows) + "\n"
        case .csv:
            return CSVExport.line(["申请编号", "受理单位", "收到日期", "答复期限", "答复日期", "状态", "问题"])
                + rows.map { r in
                    CSVExport.line([
                        r.number, r.unit, r.received, Self.due(r), r.answered ?? "", Self.chinese(r.status),
                        r.findings.joined(separator: " "),
                    ])
                }.joined()
        case .text:
            let table = TextTable(header: ["申请编号", "受理单位", "收到日期", "答复期限", "答复日期", "状态", "问题"])
            for r in rows {
                table.add([
                    r.number, r.unit, r.received, Self.due(r), r.answered ?? "—", Self.chinese(r.status), r.findings.joined(separator: " "),
                ])
            }
            return table.render() + "\(rows.count) requests as of \(try parseDay(asOf) ?? ShanghaiClock.today())\n"
        }
    }

    private static func due(_ r: Row) -> String { r.due + (r.provisional ? "（暂定）" : "") + (r.extended ? "（已延期）" : "") }

    private static func chinese(_ status: String) -> String { RequestStatus(rawValue: status)?.chinese ?? status }
}
