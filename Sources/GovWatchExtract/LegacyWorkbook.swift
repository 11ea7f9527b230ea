import GovWatchCore

/// The legacy-workbook reader: a short python3-xlrd script run in the sandbox, and the parse
/// of what it prints (a form feed and the sheet's name before each sheet, then one line per
/// row, cells separated by tabs).
enum LegacyWorkbook {
    static let script = #"""
        import sys, xlrd

        def text(cell):
            if cell.ctype == xlrd.XL_CELL_NUMBER:
                v = cell.value
                return str(int(v)) if v == int(v) and abs(v) < 1e20 else repr(v)
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                return ""
            return str(cell.value).replace("\t", " ").replace("\n", " ").replace("\f", " ")

        book = xlrd.open_workbook(sys.argv[1], on_demand=True)
        out = sys.stdout
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            out.write("\f" + sheet.name.replace("\n", " ") + "\n")
            for r in range(sheet.nrows):
                out.write("\t".join(text(c) for c in sheet.row(r)) + "\n")
            book.unload_sheet(index)
        """#

    static func parts(_ output: String) -> [TextPart] {
        output.split(separator: "\u{0C}").compactMap { sheet in
            var lines = sheet.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard !lines.isEmpty else { return nil }
            let name = lines.removeFirst()
            while lines.last?.trimmingWhitespace().isEmpty == true { lines.removeLast() }
            return TextPart(location: "工作表「\(name)」", lines: lines, isTable: true)
        }
    }
}
