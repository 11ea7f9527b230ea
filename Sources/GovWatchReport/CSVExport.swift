import Foundation

/// CSV for Excel: UTF-8 with a byte-order mark (so Excel shows Chinese), CRLF line ends, and
/// fields quoted when they hold a comma, a quote or a line break.
public enum CSVExport {
    public static func render(header: [String], rows: [[EvaluationSheet.Cell]]) -> Data {
        var text = "\u{FEFF}" + line(header)
        for row in rows { text += line(row.map(\.text)) }
        return Data(text.utf8)
    }

    /// One CSV line, CRLF-terminated, its fields quoted where needed.
    public static func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\r\n"
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
