/// Rule notes grouped by their rule, so that a portal with a thousand pages from a year the
/// calendar lacks gives one log line, not a thousand.
public enum NoteSummary {
    /// One line per rule: the count and the first note. Notes read `rule: text`.
    public static func lines(_ notes: [String], examples: Int = 1) -> [String] {
        var order: [String] = []
        var groups: [String: [String]] = [:]
        for note in notes {
            let rule = note.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            if groups[rule] == nil { order.append(rule) }
            groups[rule, default: []].append(note)
        }
        return order.map { rule in
            let group = groups[rule]!
            guard group.count > examples else { return group.joined(separator: "; ") }
            return "\(rule): \(group.count) notes, e.g. \(group.prefix(examples).joined(separator: "; "))"
        }
    }
}
