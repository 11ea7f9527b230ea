import Foundation
import Yams

/// Typed, located access to a YAML tree: every error names the file, the line and the key.
struct YAMLReader {
    let file: String
    let text: String

    /// Composes the document; syntax errors and duplicate keys become `ConfigError`s.
    func root() throws -> Node {
        do {
            // The basic resolver: every scalar is read as text here, and the default one compiles
            // regular expressions (ICU) to tag numbers and dates this reader never asks for.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                throw ConfigError(file: file, line: 1, key: "", message: "the file is empty")
            }
            return node
        } catch let error as YamlError {
            throw locate(error)
        }
    }

    private func locate(_ error: YamlError) -> ConfigError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ConfigError(file: file, line: mark.line, key: "", message: "YAML syntax: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.sorted().first ?? ""
            return ConfigError(
                file: file, line: secondOccurrence(ofKey: key) ?? context.mark.line, key: key,
                message: "duplicate key")
        case .reader(let problem, _, _, _):
            return ConfigError(file: file, line: 1, key: "", message: "cannot read the file: \(problem)")
        default:
            return ConfigError(file: file, line: 1, key: "", message: "\(error)")
        }
    }

    /// The line of the second `key:` in the text (libyaml reports the mapping, not the key).
    private func secondOccurrence(ofKey key: String) -> Int? {
        var seen = 0
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.drop { $0 == " " || $0 == "-" }
            if t.hasPrefix(key + ":") || t.hasPrefix("\"\(key)\":") {
                seen += 1
                if seen == 2 { return i + 1 }
            }
        }
        return nil
    }

    func error(_ node: Node?, _ key: String, _ message: String) -> ConfigError {
        ConfigError(file: file, line: node?.mark?.line ?? 1, key: key, message: message)
    }

    /// The pairs of a mapping, refusing keys outside `allowed`.
    /// - Parameter allowed: the keys the mapping may have; nil for any (paths, labels).
    func mapping(_ node: Node, _ key: String, allowed: Set<String>?) throws -> [String: (key: Node, value: Node)] {
        guard let mapping = node.mapping else {
            throw error(node, key, "expected a mapping" + (allowed.map { " of keys (\($0.sorted().joined(separator: ", ")))" } ?? ""))
        }
        var out: [String: (key: Node, value: Node)] = [:]
        for (k, v) in mapping {
            guard let name = k.scalar?.string else { throw error(k, key, "expected a plain key") }
            let path = key.isEmpty ? name : "\(key).\(name)"
            if let allowed, !allowed.contains(name) {
                throw error(k, path, "unknown key; expected one of \(allowed.sorted().joined(separator: ", "))")
            }
            out[name] = (k, v)
        }
        return out
    }

    func string(_ node: Node, _ key: String) throws -> String {
        // An empty plain value (`key:`) is null, not text.
        guard let scalar = node.scalar, scalar.style != .plain || !scalar.string.isEmpty else {
            throw error(node, key, "expected a string")
        }
        let s = scalar.string
        guard !s.trimmingCharacters(in: .whitespaces).isEmpty else { throw error(node, key, "must not be empty") }
        return s
    }

    func int(_ node: Node, _ key: String, range: ClosedRange<Int>) throws -> Int {
        guard let s = node.scalar?.string, let v = Int(s) else { throw error(node, key, "expected a whole number") }
        guard range.contains(v) else {
            throw error(node, key, "expected a number from \(range.lowerBound) to \(range.upperBound), got \(v)")
        }
        return v
    }

    func double(_ node: Node, _ key: String, allowZero: Bool = false) throws -> Double {
        guard let s = node.scalar?.string, let v = Double(s), v > 0 || (allowZero && v == 0) else {
            throw error(node, key, allowZero ? "expected 0 or a positive number" : "expected a positive number")
        }
        return v
    }

    func bool(_ node: Node, _ key: String) throws -> Bool {
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(node, key, "expected true or false")
        }
    }

    func strings(_ node: Node, _ key: String) throws -> [String] {
        guard let seq = node.sequence else { throw error(node, key, "expected a list of strings") }
        return try seq.enumerated().map { try string($0.element, "\(key)[\($0.offset)]") }
    }

    /// A sequence; an empty value (`key:` followed only by comments) is an empty list.
    func list(_ node: Node, _ key: String) throws -> [Node] {
        if let scalar = node.scalar, ["", "~", "null"].contains(scalar.string) { return [] }
        guard let seq = node.sequence else { throw error(node, key, "expected a list") }
        return Array(seq)
    }

    func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ key: String, _: T.Type) throws -> T
    where T.RawValue == String {
        let s = try string(node, key)
        guard let v = T(rawValue: s) else {
            let options = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(node, key, "expected one of \(options), got '\(s)'")
        }
        return v
    }
}
