import ArgumentParser
import Foundation
import GovWatchCore
import GovWatchStore

/// `govwatch findings`: what the checks found.
struct FindingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings", abstract: "List stored findings with their clause and evidence.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: "SQLite database file.") var db: String
    @Option(help: "Only this unit's findings (unit id).") var unit: String?
    @Option(help: "Only this rule's findings (e.g. late-disclosure).") var rule: String?
    @Option(help: "open or resolved.") var status: FindingStatus?
    @Option(help: "Output format: table or json.") var format: Format = .table

    func validate() throws {
        if let rule, !RuleID.all.map(\.rawValue).contains(rule) {
            throw ValidationError("unknown rule '\(rule)'; rules: \(RuleID.all.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: db) else { throw ValidationError("no database at \(db)") }
        let rows = try AppDatabase(path: db).findings(unitID: unit, rule: rule.map(RuleID.init(rawValue:)), status: status)
        switch format {
        case .json:
            print(try jsonText(rows.map(FindingJSON.init)))
        case .table:
            let table = TextTable(header: ["单位", "规则", "级别", "状态", "首次发现", "条款", "问题", "链接"])
            for r in rows {
                let f = r.finding
                table.add([
                    f.unitID, f.rule.rawValue, f.severity.chinese, r.status.chinese, r.firstSeen.description, f.clause,
                    f.description, f.url,
                ])
            }
            print(table.render(), terminator: "")
            print("\(rows.count) findings")
        }
    }
}

extension FindingStatus: ExpressibleByArgument {}

/// The JSON shape of a finding for machines.
struct FindingJSON: Encodable {
    var id: Int64
    var rule: String
    var unit: String
    var url: String
    var clause: String
    var severity: String
    var status: String
    var description: String
    var first_seen: String
    var last_seen: String
    var seen_count: Int
    var resolved_on: String?
    var fingerprint: String
    /// A deadline in it was counted over a provisional calendar year (暂定).
    var provisional: Bool
    var evidence: [String: String]

    init(_ r: StoredFinding) {
        id = r.id
        rule = r.finding.rule.rawValue
        unit = r.finding.unitID
        url = r.finding.url
        clause = r.finding.clause
        severity = r.finding.severity.rawValue
        status = r.status.rawValue
        description = r.finding.description
        first_seen = r.firstSeen.description
        last_seen = r.lastSeen.description
        seen_count = r.seenCount
        resolved_on = r.resolvedOn?.description
        fingerprint = r.finding.fingerprint
        provisional = r.finding.provisional
        evidence = Dictionary(r.finding.evidence.map { ($0.label, $0.value) }, uniquingKeysWith: { a, _ in a })
    }
}

/// Findings as terminal tables.
enum FindingsTable {
    static func render(_ findings: [Finding], units: [UnitDefinition]) -> String {
        let names = Dictionary(units.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let table = TextTable(header: ["单位", "规则", "级别", "条款", "问题"])
        for f in findings {
            table.add([names[f.unitID] ?? f.unitID, f.rule.rawValue, f.severity.chinese, f.clause, f.description])
        }
        return table.render()
    }

    /// Counts by unit and rule.
    static func summary(_ findings: [Finding], units: [UnitDefinition]) -> String {
        let table = TextTable(header: ["单位", "规则", "发现数"])
        var counts: [String: [RuleID: Int]] = [:]
        for f in findings { counts[f.unitID, default: [:]][f.rule, default: 0] += 1 }
        for unit in units {
            for (rule, n) in (counts[unit.id] ?? [:]).sorted(by: { $0.key < $1.key }) {
                table.add([unit.name, rule.rawValue, "\(n)"])
            }
        }
        return table.render()
    }
}
