import Foundation
import GovWatchCore
import Yams

/// Reads a per-site rubric (`site_rubric:`), such as the national checklist shipped as
/// `Sources/GovWatchDaemon/Resources/national-2019.yaml` (linked from `Probes/rubrics/`);
/// errors name the file, the line and the key.
public enum SiteRubricLoader {
    /// The shipped rubrics by name, for `--rubric national-2019`.
    public static let shipped: [String: String] = [
        "national-2019": String(decoding: PackageResources.national_2019_yaml, as: UTF8.self)
    ]

    /// The national checklist as shipped, which the digest's verdict line uses.
    public static let national = try! parse(shipped["national-2019"]!, file: "national-2019.yaml")

    /// True when `text` is a per-site rubric.
    public static func isSiteRubric(_ text: String) -> Bool {
        text.split(separator: "\n").contains { $0.hasPrefix("site_rubric:") }
    }

    /// A shipped rubric's text by name, or a file's.
    public static func text(_ nameOrPath: String) throws -> (text: String, file: String) {
        if let text = shipped[nameOrPath] { return (text, nameOrPath + ".yaml") }
        return (try EditedFile.text(nameOrPath), nameOrPath)
    }

    public static func parse(_ text: String, file: String) throws -> SiteRubric {
        let reader = YAMLReader(file: file, text: text.replacingOccurrences(of: "\r\n", with: "\n"))
        let root = try reader.root()
        let top = try reader.mapping(root, "", allowed: ["site_rubric", "vetoes", "items"])
        guard let head = top["site_rubric"] else { throw reader.error(root, "site_rubric", "missing section") }
        let h = try reader.mapping(head.value, "site_rubric", allowed: ["name", "fail_over"])
        guard let nameNode = h["name"] else { throw reader.error(head.value, "site_rubric.name", "missing key") }
        let name = try reader.string(nameNode.value, "site_rubric.name")
        let failOver = try h["fail_over"].map { try reader.double($0.value, "site_rubric.fail_over", allowZero: true) } ?? 20
        let known = Set(RuleID.all.map(\.rawValue))
        func rule(_ node: Node, _ key: String) throws -> RuleID {
            let s = try reader.string(node, key)
            guard known.contains(s) else { throw reader.error(node, key, "unknown rule '\(s)'; see govwatch rules") }
            return RuleID(rawValue: s)
        }
        var vetoes: [SiteRubric.Veto] = []
        for (i, v) in try reader.list(top["vetoes"]?.value ?? root, "vetoes").enumerated() {
            let key = "vetoes[\(i)]"
            let m = try reader.mapping(v, key, allowed: ["id", "name", "rules"])
            guard let id = m["id"], let n = m["name"], let r = m["rules"] else { throw reader.error(v, key, "expected id, name and rules") }
            vetoes.append(
                SiteRubric.Veto(
                    id: try reader.string(id.value, "\(key).id"), name: try reader.string(n.value, "\(key).name"),
                    rules: try reader.list(r.value, "\(key).rules").enumerated().map { try rule($0.element, "\(key).rules[\($0.offset)]") }))
        }
        var items: [SiteRubric.Item] = []
        for (i, v) in try reader.list(top["items"]?.value ?? root, "items").enumerated() {
            let key = "items[\(i)]"
            let m = try reader.mapping(v, key, allowed: ["id", "name", "points", "rules"])
            guard let id = m["id"], let n = m["name"], let p = m["points"], let r = m["rules"] else {
                throw reader.error(v, key, "expected id, name, points and rules")
            }
            var rules: [RuleID: Double] = [:]
            for (ruleName, pair) in try reader.mapping(r.value, "\(key).rules", allowed: known) {
                rules[RuleID(rawValue: ruleName)] = try reader.double(pair.value, "\(key).rules.\(ruleName)")
            }
            items.append(
                SiteRubric.Item(
                    id: try reader.string(id.value, "\(key).id"), name: try reader.string(n.value, "\(key).name"),
                    points: try reader.double(p.value, "\(key).points"), rules: rules))
        }
        do {
            return try SiteRubric(name: name, failOver: failOver, vetoes: vetoes, items: items)
        } catch {
            throw ConfigError(file: file, line: head.key.mark?.line ?? 1, key: "site_rubric", message: error.description)
        }
    }
}
