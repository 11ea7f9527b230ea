/// The operator's list of serious wording errors (严重表述错误): one `wrong<TAB>right` pair per
/// line — misspelt names and titles, outdated official names. `#` starts a comment; blank
/// lines are skipped; a line without a tab or with an empty phrase is a problem with its line
/// number, and is skipped.
public struct WordingList: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var wrong: String
        public var right: String
        public var line: Int
    }

    public var entries: [Entry]
    public var problems: [String]

    public init(text: String, file: String) {
        var entries: [Entry] = []
        var problems: [String] = []
        var seen = Set<String>()
        // Split on Characters: "\r\n" is one Character, so Windows line ends split too.
        for (k, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = String(line).trimmingWhitespace()
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
            guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                problems.append("\(file):\(k + 1): expected 错误表述<TAB>正确表述; line skipped")
                continue
            }
            guard fields[0] != fields[1] else {
                problems.append("\(file):\(k + 1): the wrong and the right phrase are the same; line skipped")
                continue
            }
            guard seen.insert(fields[0]).inserted else {
                problems.append("\(file):\(k + 1): '\(fields[0])' is listed twice; line skipped")
                continue
            }
            entries.append(Entry(wrong: fields[0], right: fields[1], line: k + 1))
        }
        self.entries = entries
        self.problems = problems
    }
}
