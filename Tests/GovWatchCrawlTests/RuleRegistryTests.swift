import Foundation
import GovWatchCore
import GovWatchDaemon
import Testing

/// The registry (`RuleBook`) is the one list of rules: the default rubric maps every rule, the
/// docs name every rule and parameter, `govwatch rules` prints them all.
@Suite struct RuleRegistryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theDefaultRubricMapsEveryRule() {
        let rubric = RubricLoader.standard()
        for id in RuleID.all { #expect(rubric.rules[id] != nil, "\(id) has no line in the default rubric") }
    }

    @Test func aRubricThatForgetsARuleIsRefusedUnlessItSaysItCostsNothing() throws {
        let forgetful = RubricLoader.standardText.replacingOccurrences(of: "  leak: { line: content-timely, points: 3 }\n", with: "")
        #expect(throws: ConfigError.self) { try RubricLoader.parse(forgetful, file: "r.yaml") }
        do {
            _ = try RubricLoader.parse(forgetful, file: "r.yaml")
        } catch {
            #expect("\(error)".contains("r.yaml:") && "\(error)".contains("rule leak has no line"))
        }
        let free = RubricLoader.standardText.replacingOccurrences(
            of: "  leak: { line: content-timely, points: 3 }\n", with: "  leak: { points: 0 }\n")
        let rubric = try RubricLoader.parse(free, file: "r.yaml")
        let leak = Finding(rule: .leak, unitID: "u", url: "http://127.0.0.1/a", clause: "", description: "", evidence: [], severity: .severe)
        #expect(!rubric.costsPoints(leak) && RubricLoader.standard().costsPoints(leak))
    }

    @Test func theREADMENamesEveryRuleAndProbesREADMEEveryParameter() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        for id in RuleID.all { #expect(readme.contains("`\(id)`"), "README's rule table lacks \(id)") }
        let probes = try String(contentsOf: Self.root.appendingPathComponent("Probes/README.md"), encoding: .utf8)
        for rule in RuleBook.all {
            for p in rule.parameters {
                #expect(probes.contains("| `\(p.section)` | `\(p.key)` |"), "Probes/README lacks rules.\(p.path)")
            }
        }
    }

    @Test func idsAndSectionsAreUnique() {
        #expect(Set(RuleID.all).count == RuleID.all.count)
        #expect(Set(RuleBook.all.map(\.section)).count == RuleBook.all.count)
    }

    @Test func govwatchRulesPrintsEveryRuleAsJSON() throws {
        let r = try runTool(DaemonProcess.binary.path, ["rules", "--format", "json"])
        #expect(r.code == 0, "\(r.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [[String: Any]])
        #expect(list.map { $0["id"] as? String } == RuleID.all.map(\.rawValue))
        for entry in list {
            #expect(Set(entry.keys).isSuperset(of: ["id", "clause", "name", "parameters", "rubric_line", "points"]), "\(entry)")
        }
        let late = try #require(list.first { $0["id"] as? String == "late-disclosure" })
        #expect((late["parameters"] as? [String: String]) == ["working_days": "20"] && late["rubric_line"] as? String == "按目录及时更新")
        let text = try runTool(DaemonProcess.binary.path, ["rules"])
        #expect(String(decoding: text.stdout, as: UTF8.self).contains("rules.stale-column.warn_at=0.7"))
    }
}
