import Foundation
import GovWatchCore
import GovWatchParse

/// Registers offices keep in Excel, read from the file the probe names: a CSV (UTF-8 with or
/// without BOM, or GBK as Excel saves it) or an `.xlsx` workbook's first sheet.
public enum RegisterFile {
    /// The rows of a register file, the header first.
    public static func rows(_ path: String) throws -> [(row: Int, cells: [String])] {
        if path.lowercased().hasSuffix(".xlsx") {
            return try SheetReader.rows(xlsx: try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        return CSV.rows(try EditedFile.text(path, allowGB18030: true)).map { (row: $0.line, cells: $0.fields) }
    }

    /// The request register (依申请公开 登记台账).
    public static func requests(_ path: String, units: [UnitDefinition]) throws -> RequestRegister {
        RequestRegister(rows: try rows(path), file: path, units: units)
    }
}
