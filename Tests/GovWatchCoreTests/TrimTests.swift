import Testing

@testable import GovWatchCore

/// `trimmingWhitespace()`: ASCII white space, U+00A0 and the ideographic space come off both
/// ends and nothing else does; a string with none there comes back as it was.
struct TrimTests {
    @Test(arguments: [
        ("  标题 ", "标题"), ("\u{3000}关于印发通知的通知\u{00A0}", "关于印发通知的通知"), ("\t\n a b \r\n", "a b"),
        ("不动", "不动"), ("中 间 保 留", "中 间 保 留"), ("", ""), (" \u{3000} ", ""), ("é\u{301}", "é\u{301}"),
        ("\u{2003}em space\u{2003}", "em space"), ("标题\u{200B}", "标题\u{200B}"),
        ("http://127.0.0.1/a.html", "http://127.0.0.1/a.html"), (" /a.html\t", "/a.html"), ("a", "a"), ("a\u{3000}", "a"),
        ("\u{3000}a", "a"), ("\u{7F}a\u{7F}", "\u{7F}a\u{7F}"),
    ])
    func bothEnds(raw: String, trimmed: String) {
        #expect(raw.trimmingWhitespace() == trimmed)
        #expect(raw[...].trimmingWhitespace() == trimmed)
        #expect(("x" + raw + "x").dropFirst().dropLast().trimmingWhitespace() == trimmed)
    }

    /// The written-out set is Unicode's `White_Space` property, scalar for scalar.
    @Test func theWhiteSpaceSetIsUnicodes() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(isTrimmedWhitespace(scalar) == scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
        }
    }
}
