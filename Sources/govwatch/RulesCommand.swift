import ArgumentParser
import Foundation
import GovWatchCore
import GovWatchDaemon

/// `govwatch rules`: every rule from the registry, its parameters and what it costs.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List every rule: id, clause, name, parameters and the rubric line it deducts from.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "Output: text or json.") var format: Format = .text
    @Option(help: "A rubric file (default: the shipped 附件11 table).") var rubric: String?

    /// One rule as `--format json` prints it.
    struct Entry: Encodable {
        var id: String
        var clause: String
        var name: String
        /// The probe section that sets its parameters (`rules.<section>`).
        var section: String
        var parameters: [String: String]
        var rubric_line: String?
        var points: Double?

        /// Every key always present (`null` where a rule costs nothing).
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(id, forKey: .id)
            try c.encode(clause, forKey: .clause)
            try c.encode(name, forKey: .name)
            try c.encode(section, forKey: .section)
            try c.encode(parameters, forKey: .parameters)
            try c.encode(rubric_line, forKey: .rubric_line)
            try c.encode(points, forKey: .points)
        }

        enum Keys: String, CodingKey { case id, clause, name, section, parameters, rubric_line, points }
    }

    func run() throws {
        let rubric = try RubricLoader.load(rubric)
        let entries = RuleBook.all.flatMap { rule in
            rule.kinds.map { kind in
                let d = rubric.rules[kind.id]
                return Entry(
                    id: kind.id.rawValue, clause: kind.clause, name: kind.name, section: rule.section,
                    parameters: Dictionary(uniqueKeysWithValues: rule.parameters.map { ($0.key, $0.defaultText) }),
                    rubric_line: d.flatMap { $0.isFree ? nil : rubric.line($0.line)?.name }, points: d?.points)
            }
        }
        switch format {
        case .json:
            print(try jsonText(entries))
        case .text:
            let table = TextTable(header: ["规则", "名称", "条款", "扣分项", "分值", "参数（默认）"])
            for (rule, entry) in zip(RuleBook.all.flatMap { r in r.kinds.map { _ in r } }, entries) {
                let parameters = rule.parameters.map { "rules.\($0.section).\($0.key)=\($0.defaultText.isEmpty ? "—" : $0.defaultText)" }
                table.add([
                    entry.id, entry.name, entry.clause, entry.rubric_line ?? "不扣分", entry.points.map(Rubric.format) ?? "0",
                    parameters.joined(separator: " "),
                ])
            }
            print(table.render())
        }
    }
}
