import Foundation
import GovWatchCore
import GovWatchStore

/// How the console writes times, labels and CSS classes.
enum ConsoleFormat {
    /// `2026-12-03 14:05` in Asia/Shanghai.
    static func time(_ unixSeconds: Double?) -> String {
        guard let unixSeconds else { return "—" }
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm"
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        return f.string(from: Date(timeIntervalSince1970: unixSeconds))
    }

    static func grade(_ g: Grade) -> String {
        switch g {
        case .excellent: "excellent"
        case .pass: "good"
        case .fail: "fail"
        }
    }

    static func notice(_ s: NoticeStatus) -> String {
        switch s {
        case .issued: "warn"
        case .rectified: "good"
        case .overdue: "bad"
        }
    }

    static func run(_ s: String) -> String {
        switch s {
        case "ok", "completed": "good"
        case "failed", "interrupted", "abandoned": "bad"
        default: ""
        }
    }

    static func points(_ x: Double) -> String { Rubric.format((x * 10).rounded() / 10) }
}
