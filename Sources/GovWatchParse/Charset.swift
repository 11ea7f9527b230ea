import Foundation
/// Finds the character encoding of a page, for libxml2 (which converts to UTF-8 through iconv).
///
/// The HTTP `Content-Type` charset wins, then a `<meta charset>` or `<meta http-equiv>` in
/// the first 4 KB, then a UTF-8 byte order mark; GBK and GB2312 are read as GB18030, the
/// superset, so that characters outside GB2312 written by real sites still decode.
public enum Charset {
    /// The encoding name to give libxml2; "UTF-8" when nothing says otherwise.
    public static func detect(contentType: String?, body: UnsafeRawBufferPointer) -> String {
        if let declared = contentType.flatMap(charsetParameter) { return normalize(declared) }
        if let declared = sniffMeta(body) { return normalize(declared) }
        return "UTF-8"
    }

    /// The name libxml2 and iconv understand for a declared charset.
    public static func normalize(_ name: String) -> String {
        let n = name.trimmingCharacters(in: " \"'").lowercased()
        switch n {
        case "gbk", "gb2312", "gb_2312-80", "x-gbk", "cp936", "gb18030", "euc-cn", "x-euc-cn", "windows-936":
            return "GB18030"
        case "utf8", "utf-8", "": return "UTF-8"
        default: return n.uppercased()
        }
    }

    static func charsetParameter(_ contentType: String) -> String? {
        let lower = contentType.lowercased()
        guard let range = lower.range(of: "charset=") else { return nil }
        let value = lower[range.upperBound...].prefix { $0 != ";" && $0 != " " }
        return value.isEmpty ? nil : String(value)
    }

    /// `charset=` inside a `<meta` tag of the document's first 4 KB.
    static func sniffMeta(_ body: UnsafeRawBufferPointer) -> String? {
        let n = min(body.count, 4096)
        guard n > 0 else { return nil }
        let bytes = body.bindMemory(to: UInt8.self)
        func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
        let needle = Array("charset".utf8)
        var i = 0
        while i + needle.count < n {
            guard lower(bytes[i]) == needle[0] else {
                i += 1
                continue
            }
            var hit = true
            for (k, c) in needle.enumerated() where lower(bytes[i + k]) != c {
                hit = false
                break
            }
            if hit, isInsideMeta(bytes, at: i) {
                var j = i + needle.count
                while j < n, bytes[j] == 0x20 { j += 1 }
                guard j < n, bytes[j] == UInt8(ascii: "=") else {
                    i += 1
                    continue
                }
                j += 1
                while j < n, bytes[j] == 0x20 || bytes[j] == 0x22 || bytes[j] == 0x27 { j += 1 }
                var value: [UInt8] = []
                while j < n, value.count < 40 {
                    let b = bytes[j]
                    guard (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7a) || b == 0x2D || b == 0x5F
                    else { break }
                    value.append(b)
                    j += 1
                }
                if !value.isEmpty { return String(decoding: value, as: UTF8.self) }
            }
            i += 1
        }
        return nil
    }

    /// True when the nearest `<` before `i` opens a `<meta` tag.
    private static func isInsideMeta(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        var j = i
        while j > 0, bytes[j] != UInt8(ascii: "<"), bytes[j] != UInt8(ascii: ">") { j -= 1 }
        guard bytes[j] == UInt8(ascii: "<"), j + 5 <= bytes.count else { return false }
        return String(decoding: bytes[(j + 1)..<(j + 5)], as: UTF8.self).lowercased() == "meta"
    }
}
