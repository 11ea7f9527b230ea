import Foundation
import GRDB
import Testing

@testable import GovWatchStore

/// The store writes times itself (`StoredTime`) instead of through GRDB's `DateFormatter`;
/// the text must be GRDB's to the character, so that old and new rows sort and read alike.
@Suite struct StoredTimeTests {
    static func grdbText(_ date: Date) -> String? { String.fromDatabaseValue(date.databaseValue) }

    @Test func writesWhatGRDBWrites() {
        var dates = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
            Date(timeIntervalSince1970: 4_107_542_400),  // 2100-03-01
            Date(timeIntervalSince1970: 1_798_761_599.999), Date(timeIntervalSince1970: 1_798_761_599.9995),
            Date(timeIntervalSince1970: 1_700_000_000.0004), Date(timeIntervalSinceReferenceDate: 0.0001),
            Date(timeIntervalSinceReferenceDate: -0.0001),
        ]
        // A deterministic spread over 1970–2106, milliseconds and their fractions included.
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<5000 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            dates.append(Date(timeIntervalSince1970: Double(x >> 32) + Double(x & 0xFFFF) / 65536))
        }
        for d in dates {
            #expect(StoredTime(d).text == Self.grdbText(d), "\(d.timeIntervalSince1970)")
        }
    }

    @Test func readsBackAsTheDateGRDBReads() throws {
        let d = Date(timeIntervalSince1970: 1_764_700_000.123)
        let back = try #require(Date.fromDatabaseValue(StoredTime(d).databaseValue))
        #expect(abs(back.timeIntervalSince(d)) < 0.001)
    }
}
