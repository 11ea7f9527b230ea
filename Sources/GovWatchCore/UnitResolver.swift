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

extension StringProtocol {
    /// The string without leading and trailing white space, including the ideographic space.
    public func trimmingWhitespace() -> String {
        if let first = utf8.first, let last = utf8.reversed().first, first > 0x20, first < 0x80, last > 0x20,
            last < 0x80
        {
            return String(self)  // the common case: nothing to trim
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
