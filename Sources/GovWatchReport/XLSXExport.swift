import CXlsxWriter
import Foundation

/// A real .xlsx workbook through libxlsxwriter: one sheet per view, a bold frozen header,
/// column widths for Chinese text, and numbers stored as numbers.
public enum XLSXExport {
    public struct ExportError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ sheet: EvaluationSheet, to path: String) throws {
        guard let workbook = workbook_new(path) else { throw ExportError(description: "cannot create \(path)") }
        let bold = workbook_add_format(workbook)
        format_set_bold(bold)
        format_set_bg_color(bold, 0xDDEBF7)
        add(workbook, name: "扣分明细", header: EvaluationSheet.logHeader, rows: sheet.log, header: bold,
            widths: [24, 24, 40, 8, 48, 20, 40, 12, 14, 12, 10, 12])
        add(workbook, name: "得分汇总", header: sheet.scoreHeader, rows: sheet.scores, header: bold,
            widths: [28] + Array(repeating: 14, count: sheet.scoreHeader.count - 1))
        let result = workbook_close(workbook)
        guard result == LXW_NO_ERROR else {
            throw ExportError(description: "cannot write \(path): \(String(cString: lxw_strerror(result)))")
        }
    }

    private static func add(
        _ workbook: UnsafeMutablePointer<lxw_workbook>, name: String, header: [String], rows: [[EvaluationSheet.Cell]],
        header format: UnsafeMutablePointer<lxw_format>?, widths: [Double]
    ) {
        let ws = workbook_add_worksheet(workbook, name)
        for (c, title) in header.enumerated() {
            worksheet_write_string(ws, 0, lxw_col_t(c), title, format)
            worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), c < widths.count ? widths[c] : 12, nil)
        }
        worksheet_freeze_panes(ws, 1, 0)
        for (r, row) in rows.enumerated() {
            for (c, cell) in row.enumerated() {
                switch cell {
                case .text(let s): worksheet_write_string(ws, lxw_row_t(r + 1), lxw_col_t(c), s, nil)
                case .number(let x): worksheet_write_number(ws, lxw_row_t(r + 1), lxw_col_t(c), x, nil)
                }
            }
        }
    }
}
