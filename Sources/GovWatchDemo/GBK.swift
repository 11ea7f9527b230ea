import Foundation

/// Text to GB18030 bytes (a superset of GBK and GB2312) through the C library's iconv,
/// for the demo's and the tests' GBK pages.
public enum GBK {
    /// The bytes of `text` in GB18030; characters GB18030 cannot hold do not occur in practice.
    public static func encode(_ text: String) -> [UInt8] {
        let cd = iconv_open("GB18030", "UTF-8")
        precondition(cd != iconv_t(bitPattern: -1), "iconv has no GB18030 converter")
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let written = input.withUnsafeMutableBufferPointer { inBuf -> Int in
            output.withUnsafeMutableBufferPointer { outBuf -> Int in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                _ = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return outBuf.count - outLeft
            }
        }
        return Array(output.prefix(written))
    }
}
