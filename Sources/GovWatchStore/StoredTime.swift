import Foundation
import GRDB
import GovWatchCore

/// A moment as the store writes it: `yyyy-MM-dd HH:mm:ss.SSS` in UTC, the text GRDB writes
/// for a `Date` (and reads back as one), made by arithmetic instead of GRDB's `DateFormatter`.
/// The formatter loads ICU's calendar and locale data (6–7 MB of a crawl's resident memory)
/// the first time any row with a time is written.
public struct StoredTime: DatabaseValueConvertible, Sendable, Hashable {
    public let text: String

    public init(_ date: Date = Date()) {
        // GRDB's formatter rounds to the nearest millisecond, counting from 1970 as CoreFoundation does.
        let ms = Int64(((date.timeIntervalSinceReferenceDate + 978_307_200) * 1000 + 0.5).rounded(.down))
        let days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        let inDay = ms - days * 86_400_000
        let day = CivilDate(daysSinceEpoch: Int(days))
        text =
            day.description + " " + Self.digits(inDay / 3_600_000, 2) + ":" + Self.digits(inDay / 60_000 % 60, 2) + ":"
            + Self.digits(inDay / 1000 % 60, 2) + "." + Self.digits(inDay % 1000, 3)
    }

    public var databaseValue: DatabaseValue { text.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoredTime? {
        Date.fromDatabaseValue(dbValue).map(StoredTime.init)
    }

    private static func digits(_ n: Int64, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
