import Foundation
import GovWatchCore

/// Reads a file people edit by hand — a probe, the daemon config, a rubric, a register, a
/// holiday file — with the mistakes they really make handled: a byte-order mark, Windows
/// line ends, a spreadsheet's GBK export, and a file far too large to be what it claims.
public enum EditedFile {
    /// Largest file read; a bigger one is a mistake (a log or a database under the wrong name).
    public static let maxBytes = 4 << 20

    /// The file's text, UTF-8 (or, with `allowGB18030`, GBK/GB18030 as saved by Excel), with
    /// BOM removed and CRLF turned into LF. Errors name the file.
    public static func text(_ path: String, allowGB18030: Bool = false) throws -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw ConfigError(file: path, line: 0, key: "", message: "cannot read the file")
        }
        let size = (attributes[.size] as? Int) ?? 0
        guard size <= maxBytes else {
            throw ConfigError(file: path, line: 0, key: "", message: "file of \(size >> 20) MB is larger than \(maxBytes >> 20) MB")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, line: 0, key: "", message: "cannot read the file")
        }
        var text: String
        if let utf8 = String(data: data, encoding: .utf8) {
            text = utf8
        } else if allowGB18030, let gbk = LegacyText.gb18030(Array(data)) {
            text = gbk
        } else {
            throw ConfigError(file: path, line: 1, key: "", message: "not UTF-8 text (save the file as UTF-8)")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.replacingOccurrences(of: "\r\n", with: "\n")
    }
}

/// GB18030 (a superset of GBK and GB2312) to Unicode through the C library's iconv.
enum LegacyText {
    static func gb18030(_ bytes: [UInt8]) -> String? {
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 3 / 2 + 16)
        let result = input.withUnsafeMutableBufferPointer { inBuf -> Int? in
            output.withUnsafeMutableBufferPointer { outBuf -> Int? in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                guard iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1, inLeft == 0 else { return nil }
                return outBuf.count - outLeft
            }
        }
        guard let n = result else { return nil }
        return String(decoding: output.prefix(n), as: UTF8.self)
    }
}
