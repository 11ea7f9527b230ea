/// Decides which unit a publication belongs to.
///
/// An item belongs to the unit its 发布机构, `ContentSource` or 来源 names (by full name,
/// short name or alias, longest name first), else to the owner of the column or feed it was
/// found in.
public struct UnitResolver: Sendable {
    private let byName: [(name: String, unitID: String)]

    public init(units: [UnitDefinition]) {
        byName = units.flatMap { unit in unit.names.map { (name: $0, unitID: unit.id) } }
            .sorted { $0.name.count > $1.name.count }
    }

    /// The unit named by `names` (checked in order), else `fallback`.
    public func unitID(naming names: [String?], fallback: String?) -> String? {
        for case let text? in names {
            let trimmed = text.trimmingWhitespace()
            guard !trimmed.isEmpty else { continue }
            if let exact = byName.first(where: { $0.name == trimmed }) { return exact.unitID }
        }
        return fallback
    }
}

extension String {
    /// The string without leading and trailing white space, including the ideographic space;
    /// the string itself, not a copy, when it has none there (the common case).
    public func trimmingWhitespace() -> String {
        // Visible ASCII at both ends (a URL, most labels) cannot be white space: no scalar is
        // decoded. Every link of every page passes here.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F { return self }
        let kept = unicodeScalars.rangeTrimming(isTrimmedWhitespace)
        return kept.lowerBound == startIndex && kept.upperBound == endIndex ? self : String(self[kept])
    }
}

extension Substring {
    /// The text without leading and trailing white space, including the ideographic space.
    /// Walks Unicode scalars from both ends, so the untrimmed middle is never copied twice.
    public func trimmingWhitespace() -> String {
        String(self[unicodeScalars.rangeTrimming(isTrimmedWhitespace)])
    }
}

/// White space as `trimmingWhitespace()` takes it off: ASCII's, and every Unicode white space
/// scalar (U+00A0, the ideographic space U+3000 …). The Unicode `White_Space` set, written
/// out: looking the property up was the cost of trimming a Chinese text (`TrimTests`
/// compares this with the property over every scalar).
func isTrimmedWhitespace(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
    default: false
    }
}

extension BidirectionalCollection {
    /// The indices left when elements that satisfy `drop` are taken off both ends; the
    /// middle is not looked at.
    public func rangeTrimming(_ drop: (Element) -> Bool) -> Range<Index> {
        var low = startIndex
        var high = endIndex
        while low < high, drop(self[low]) { low = index(after: low) }
        while low < high {
            let before = index(before: high)
            guard drop(self[before]) else { break }
            high = before
        }
        return low..<high
    }
}
