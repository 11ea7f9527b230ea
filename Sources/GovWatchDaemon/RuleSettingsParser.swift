import Foundation
import GovWatchCore
import Yams

/// Reads a probe file's `rules:` section into `RuleSettings`, naming file, line and key on
/// error. The sections and their keys come from the registry (`RuleBook`): each rule's
/// `section`, `enabled`, and its declared parameters, validated by their kind.
struct RuleSettingsParser {
    let reader: YAMLReader
    let base: String

    func parse(_ node: Node) throws -> RuleSettings {
        var s = RuleSettings()
        let top = try reader.mapping(node, "rules", allowed: Set(RuleBook.all.map(\.section)))
        for (name, pair) in top {
            let rule = RuleBook.rule(section: name)!
            let key = "rules.\(name)"
            let parameters = Dictionary(uniqueKeysWithValues: rule.parameters.map { ($0.key, $0) })
            let m = try reader.mapping(pair.value, key, allowed: Set(parameters.keys).union(["enabled"]))
            if let v = m["enabled"], try !reader.bool(v.value, "\(key).enabled") {
                s.disabled.formUnion(rule.ids)
            }
            for (k, v) in m where k != "enabled" {
                let p = parameters[k]!
                s.set(p.path, try value(v.value, "\(key).\(k)", kind: p.kind))
            }
        }
        return s
    }

    private func value(_ node: Node, _ key: String, kind: ParameterKind) throws -> ParameterValue {
        switch kind {
        case .int(let range):
            return .int(try reader.int(node, key, range: range))
        case .share:
            let w = try reader.double(node, key)
            guard w > 0, w < 1 else { throw reader.error(node, key, "expected a share above 0 and below 1, such as 0.7") }
            return .double(w)
        case .date:
            let text = try reader.string(node, key)
            guard let d = CivilDate(iso: text) else { throw reader.error(node, key, "expected a YYYY-MM-DD date, got '\(text)'") }
            return .date(d)
        case .monthDay:
            let text = try reader.string(node, key)
            guard let md = MonthDay(text) else { throw reader.error(node, key, "expected a day as MM-DD, got '\(text)'") }
            return .monthDay(md)
        case .urls:
            return .strings(
                try reader.strings(node, key).map { s in
                    guard let url = URLResolver.resolve(s, against: base) else {
                        throw reader.error(node, key, "expected a path or an http(s) URL, got '\(s)'")
                    }
                    return url.hasSuffix("/") ? url + "index.html" : url
                })
        case .regexes:
            let patterns = try reader.strings(node, key)
            for (i, p) in patterns.enumerated() {
                do {
                    _ = try Regex(p)
                } catch {
                    throw reader.error(node.sequence?[i], "\(key)[\(i)]", "not a valid regular expression: \(p)")
                }
            }
            return .strings(patterns)
        case .file:
            let text = try reader.string(node, key)
            let path = text.hasPrefix("/") ? text : URL(fileURLWithPath: reader.file).deletingLastPathComponent().appendingPathComponent(text).path
            guard FileManager.default.isReadableFile(atPath: path) else { throw reader.error(node, key, "cannot read \(path)") }
            return .text(path)
        }
    }
}
