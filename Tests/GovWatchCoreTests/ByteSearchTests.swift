import Testing

@testable import GovWatchCore

/// `ByteSearch.firstIndex` finds what a plain scan finds, at every start, in Chinese text.
@Suite struct ByteSearchTests {
    static func plain(_ needle: [UInt8], _ bytes: [UInt8], _ from: Int) -> Int? {
        guard !needle.isEmpty, from >= 0 else { return nil }
        var i = from
        while i + needle.count <= bytes.count {
            if Array(bytes[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    @Test func findsWhatAPlainScanFinds() {
        let text = Array("内部资料，注意保存。秘密★一年\n内部资料\n内部资料性出版物 密★ ★".utf8)
        let needles = ["内部资料", "秘密★", "密★", "★", "\n", "出版物", "不在其中", "内部资料，注意保存。秘密★一年\n内部资料\n内部资料性出版物 密★ ★!"]
        for needle in needles.map({ Array($0.utf8) }) {
            for from in -1...(text.count + 1) {
                #expect(ByteSearch.firstIndex(of: needle, in: text, from: from) == Self.plain(needle, text, from), "\(from)")
            }
        }
        #expect(ByteSearch.firstIndex(of: [], in: text) == nil)
        #expect(ByteSearch.firstIndex(of: Array("a".utf8), in: []) == nil)
        #expect(ByteSearch.firstIndex(of: text, in: text) == 0)
    }
}
