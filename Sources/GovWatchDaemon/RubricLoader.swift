import Foundation
import GovWatchCore
import Yams

/// Reads a rubric file (the 附件11 table ships as `Sources/GovWatchDaemon/Resources/arxan-2021.yaml`,
/// embedded in the binary as the default and linked from `Probes/rubrics/`); errors name the
/// file, the line and the key.
public enum RubricLoader {
    /// The default rubric's file text.
    public static var standardText: String { String(decoding: PackageResources.arxan_2021_yaml, as: UTF8.self) }

    /// The default rubric, 附件11 附件 of 阿尔山市 (2021).
    public static func standard() -> Rubric {
        try! parse(standardText, file: "arxan-2021.yaml")
    }

    public static func load(_ path: String?) throws -> Rubric {
        guard let path else { return standard() }
        let text = try EditedFile.text(path)
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws -> Rubric {
        let reader = YAMLReader(file: file, text: text.replacingOccurrences(of: "\r\n", with: "\n"))
        let root = try reader.root()
        let top = try reader.mapping(root, "", allowed: ["rubric", "categories", "rules"])
        guard let head = top["rubric"] else { throw reader.error(root, "rubric", "missing section") }
        let h = try reader.mapping(head.value, "rubric", allowed: ["name", "fraud_points"])
        guard let nameNode = h["name"] else { throw reader.error(head.value, "rubric.name", "missing key") }
        let name = try reader.string(nameNode.value, "rubric.name")
        var fraud: ClosedRange<Double> = 2...5
        if let f = h["fraud_points"] {
            let bounds = try reader.list(f.value, "rubric.fraud_points").enumerated().map {
                try reader.double($0.element, "rubric.fraud_points[\($0.offset)]")
            }
            guard bounds.count == 2, bounds[0] <= bounds[1] else {
                throw reader.error(f.value, "rubric.fraud_points", "expected [lowest, highest]")
            }
            fraud = bounds[0]...bounds[1]
        }
        guard let cats = top["categories"] else { throw reader.error(root, "categories", "missing section") }
        var categories: [RubricCategory] = []
        var lines: [RubricLine] = []
        for (i, c) in try reader.list(cats.value, "categories").enumerated() {
            let key = "categories[\(i)]"
            let m = try reader.mapping(c, key, allowed: ["name", "points", "lines"])
            func need(_ k: String) throws -> Node {
                guard let v = m[k] else { throw reader.error(c, "\(key).\(k)", "missing key") }
                return v.value
            }
            let category = RubricCategory(
                name: try reader.string(need("name"), "\(key).name"), points: try reader.double(need("points"), "\(key).points"))
            categories.append(category)
            for (j, l) in try reader.list(need("lines"), "\(key).lines").enumerated() {
                let lk = "\(key).lines[\(j)]"
                let lm = try reader.mapping(l, lk, allowed: ["id", "name", "points", "text", "deduction"])
                func field(_ k: String) throws -> Node {
                    guard let v = lm[k] else { throw reader.error(l, "\(lk).\(k)", "missing key") }
                    return v.value
                }
                lines.append(
                    RubricLine(
                        id: try reader.string(field("id"), "\(lk).id"), name: try reader.string(field("name"), "\(lk).name"),
                        category: category.name, points: try reader.double(field("points"), "\(lk).points"),
                        text: try reader.string(field("text"), "\(lk).text"),
                        deduction: try reader.string(field("deduction"), "\(lk).deduction")))
            }
        }
        var rules: [RuleID: RuleDeduction] = [:]
        if let r = top["rules"] {
            let known = Set(RuleID.all.map(\.rawValue))
            for (ruleName, pair) in try reader.mapping(r.value, "rules", allowed: known) {
                let key = "rules.\(ruleName)"
                let m = try reader.mapping(pair.value, key, allowed: ["line", "points", "points_when"])
                guard let points = m["points"] else { throw reader.error(pair.value, key, "expected line and points") }
                let free = Double(points.value.scalar?.string ?? "") == 0 && m["points_when"] == nil
                guard let line = m["line"] ?? (free ? points : nil) else {
                    throw reader.error(pair.value, key, "expected line and points")
                }
                var when: [EvidencePoints] = []
                if let w = m["points_when"] {
                    for (k, item) in try reader.list(w.value, "\(key).points_when").enumerated() {
                        let wk = "\(key).points_when[\(k)]"
                        let wm = try reader.mapping(item, wk, allowed: ["evidence", "equals", "points"])
                        guard let e = wm["evidence"], let eq = wm["equals"], let p = wm["points"] else {
                            throw reader.error(item, wk, "expected evidence, equals and points")
                        }
                        when.append(
                            EvidencePoints(
                                label: try reader.string(e.value, "\(wk).evidence"), value: try reader.string(eq.value, "\(wk).equals"),
                                points: try reader.double(p.value, "\(wk).points", allowZero: true)))
                    }
                }
                rules[RuleID(rawValue: ruleName)] = RuleDeduction(
                    line: m["line"] == nil ? "" : try reader.string(line.value, "\(key).line"),
                    points: free ? 0 : try reader.double(points.value, "\(key).points"), pointsWhen: when)
            }
        }
        let rubric: Rubric
        do {
            rubric = try Rubric(name: name, categories: categories, lines: lines, rules: rules, fraudRange: fraud)
        } catch {
            throw ConfigError(file: file, line: cats.key.mark?.line ?? 1, key: "categories", message: error.description)
        }
        // Every rule costs something or says it costs nothing: a forgotten one would silently
        // never be deducted nor put on a notice.
        if let missing = RuleID.all.first(where: { rules[$0] == nil }) {
            throw reader.error(
                top["rules"]?.key ?? root, "rules.\(missing)",
                "rule \(missing) has no line: map it (\(missing): { line: LINE, points: N }) or say \(missing): { points: 0 }")
        }
        return rubric
    }
}
