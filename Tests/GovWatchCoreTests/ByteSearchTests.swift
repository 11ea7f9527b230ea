import CByteSearch
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

    /// The sixteen-bytes-at-a-time scans stop where a byte-by-byte scan stops, from every
    /// start and with the stopping byte at every place of a stripe.
    @Test func theWideScansStopWhereAByteScanStops() {
        let plainText = Array("依法公开政府信息，ABCxyz:;政务公开".utf8)
        func first(_ bytes: [UInt8], from start: Int, _ stops: (UInt8) -> Bool) -> Int {
            bytes[start...].firstIndex(where: stops).map { $0 - start } ?? bytes.count - start
        }
        let visibleStops: (UInt8) -> Bool = { $0 <= 0x20 || $0 == 0xC2 || $0 == 0xE3 }
        let jsonStops: (UInt8) -> Bool = { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "/") }
        let digitStops: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        for stop: UInt8 in [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x22, 0x2F, 0x30, 0x39, 0x3A, 0x5C, 0xC2, 0xE3, 0x7F, 0xE4] {
            for place in 0..<40 {
                var bytes = Array((plainText + plainText)[..<40])
                bytes[place] = stop
                for start in 0...bytes.count {
                    let count = bytes.count - start
                    bytes.withUnsafeBufferPointer { b in
                        #expect(gw_visible_prefix(b.baseAddress! + start, count) == first(bytes, from: start, visibleStops))
                        #expect(gw_json_plain_prefix(b.baseAddress! + start, count) == first(bytes, from: start, jsonStops))
                        #expect(gw_first_digit(b.baseAddress! + start, count) == first(bytes, from: start, digitStops))
                    }
                }
            }
        }
    }
}
