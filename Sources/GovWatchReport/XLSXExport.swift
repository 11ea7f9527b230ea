import CXlsxWriter
import Foundation

/// A real .xlsx workbook through libxlsxwriter: one sheet per view, a bold frozen header,
/// column widths for Chinese text, numbers stored as numbers — and ready to print as
/// evaluators print it: every sheet landscape on A4, one page wide, the header row repeated
/// and filterable, the year and the rubric in the page header, page numbers in the footer.
/// A third sheet, 图表, pictures each unit's score and, over more than one check day, the
/// open findings through the year.
public enum XLSXExport {
    public struct ExportError: Error, CustomStringConvertible {
        public var description: String
    }

    public static let logSheet = "扣分明细"
    public static let scoreSheet = "得分汇总"
    public static let chartSheet = "图表"

    public static func write(_ sheet: EvaluationSheet, to path: String) throws {
        guard let workbook = workbook_new(path) else { throw ExportError(description: "cannot create \(path)") }
        let bold = workbook_add_format(workbook)
        format_set_bold(bold)
        format_set_bg_color(bold, 0xDDEBF7)
        let pageHeader = "&C\(sheet.year)年 \(sheet.rubric.name.replacingOccurrences(of: "&", with: "&&"))"
        add(workbook, name: logSheet, header: EvaluationSheet.logHeader, rows: sheet.log, header: bold,
            widths: [24, 24, 40, 8, 48, 20, 40, 12, 14, 12, 10, 12], pageHeader: pageHeader)
        add(workbook, name: scoreSheet, header: sheet.scoreHeader, rows: sheet.scores, header: bold,
            widths: [28] + Array(repeating: 14, count: sheet.scoreHeader.count - 1), pageHeader: pageHeader)
        charts(workbook, sheet, header: bold, pageHeader: pageHeader)
        let result = workbook_close(workbook)
        guard result == LXW_NO_ERROR else {
            throw ExportError(description: "cannot write \(path): \(String(cString: lxw_strerror(result)))")
        }
    }

    private static func add(
        _ workbook: UnsafeMutablePointer<lxw_workbook>, name: String, header: [String], rows: [[EvaluationSheet.Cell]],
        header format: UnsafeMutablePointer<lxw_format>?, widths: [Double], pageHeader: String
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
        worksheet_autofilter(ws, 0, 0, lxw_row_t(max(rows.count, 1)), lxw_col_t(max(header.count - 1, 0)))
        printSetup(ws, pageHeader: pageHeader)
    }

    /// Landscape A4, one page wide (as many pages tall as it takes), row 1 on every page.
    private static func printSetup(_ ws: UnsafeMutablePointer<lxw_worksheet>?, pageHeader: String) {
        worksheet_set_landscape(ws)
        worksheet_set_paper(ws, 9)  // A4
        worksheet_fit_to_pages(ws, 1, 0)
        worksheet_repeat_rows(ws, 0, 0)
        worksheet_set_header(ws, pageHeader)
        worksheet_set_footer(ws, "&C第 &P 页，共 &N 页")
    }

    /// 图表: a column chart of each unit's total from 得分汇总, and a line chart of the open
    /// findings on each check day (from a small table on this sheet) when there are two or more.
    private static func charts(
        _ workbook: UnsafeMutablePointer<lxw_workbook>, _ sheet: EvaluationSheet, header: UnsafeMutablePointer<lxw_format>?,
        pageHeader: String
    ) {
        let ws = workbook_add_worksheet(workbook, chartSheet)
        printSetup(ws, pageHeader: pageHeader)
        guard let total = sheet.scoreHeader.firstIndex(of: "总分"), !sheet.scores.isEmpty else {
            worksheet_write_string(ws, 0, 0, "本年度无得分数据", nil)
            return
        }
        let last = lxw_row_t(sheet.scores.count)
        let scores = workbook_add_chart(workbook, UInt8(LXW_CHART_COLUMN.rawValue))
        let series = chart_add_series(scores, nil, nil)
        chart_series_set_categories(series, scoreSheet, 1, 0, last, 0)
        chart_series_set_values(series, scoreSheet, 1, lxw_col_t(total), last, lxw_col_t(total))
        chart_series_set_name(series, "总分")
        chart_title_set_name(scores, "\(sheet.year)年各单位政府信息公开考评得分")
        chart_legend_set_position(scores, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
        chart_axis_set_name(scores?.pointee.y_axis, "分")
        var options = lxw_chart_options(
            x_offset: 0, y_offset: 0, x_scale: 1.6, y_scale: 1.3, object_position: 0, description: nil, decorative: 0)
        worksheet_insert_chart_opt(ws, 0, 0, scores, &options)

        guard sheet.openFindings.count > 1 else { return }
        let top: lxw_row_t = 22
        worksheet_write_string(ws, top, 0, "检查日期", header)
        worksheet_write_string(ws, top, 1, "未整改问题数", header)
        worksheet_set_column(ws, 0, 1, 16, nil)
        for (k, point) in sheet.openFindings.enumerated() {
            worksheet_write_string(ws, top + 1 + lxw_row_t(k), 0, point.day.description, nil)
            worksheet_write_number(ws, top + 1 + lxw_row_t(k), 1, Double(point.open), nil)
        }
        let end = top + lxw_row_t(sheet.openFindings.count)
        let line = workbook_add_chart(workbook, UInt8(LXW_CHART_LINE.rawValue))
        let open = chart_add_series(line, nil, nil)
        chart_series_set_categories(open, chartSheet, top + 1, 0, end, 0)
        chart_series_set_values(open, chartSheet, top + 1, 1, end, 1)
        chart_series_set_name(open, "未整改问题数")
        chart_title_set_name(line, "\(sheet.year)年未整改问题数变化")
        chart_legend_set_position(line, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
        worksheet_insert_chart_opt(ws, top, 3, line, &options)
    }
}
