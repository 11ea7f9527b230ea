/// A plain-text table whose columns line up in a terminal, Chinese included: CJK and other
/// wide characters take two cells.
final class TextTable {
    private let header: [String]
    private var rows: [[String]] = []

    init(header: [String]) {
        self.header = header
    }

    func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { Self.width($0[i]) }.max() ?? 0 }
        func line(_ r: [String]) -> String {
            r.enumerated().map { i, cell in
                i == r.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - Self.width(cell))
            }.joined(separator: "  ") + "\n"
        }
        return line(header) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
    }

    /// Terminal cells a string takes (East Asian wide and full-width characters count 2).
    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { n, c in
            let v = c.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return n + (c.properties.generalCategory == .nonspacingMark ? 0 : wide ? 2 : 1)
        }
    }
}
