import Foundation
import GovWatchCore
import Yams

/// Reads a probe file's `rules:` section into `RuleSettings`, naming file, line and key on error.
struct RuleSettingsParser {
    let reader: YAMLReader
    let base: String

    private static let sections: [String: Set<String>] = [
        "late-disclosure": ["enabled", "working_days"],
        "interpretation": ["enabled", "columns", "interpretation_columns", "doc_numbers", "working_days"],
        "stale-guide": ["enabled", "max_age_days"],
        "stale-catalogue": ["enabled"],
        "stale-column": ["enabled", "news_days", "notice_days", "feed_days", "homepage_days", "warn_at"],
        "unsourced-repost": ["enabled"],
        "unapproved": ["enabled", "since"],
        "leak": ["enabled"],
        "annual-report": ["enabled", "town_street_due", "city_due"],
        "site-unavailable": ["enabled"],
    ]

    func parse(_ node: Node) throws -> RuleSettings {
        var s = RuleSettings()
        let top = try reader.mapping(node, "rules", allowed: Set(Self.sections.keys))
        for (name, pair) in top {
            let key = "rules.\(name)"
            let m = try reader.mapping(pair.value, key, allowed: Self.sections[name]!)
            if let v = m["enabled"], try !reader.bool(v.value, "\(key).enabled") {
                s.disabled.formUnion(Self.ids(of: name))
            }
            func int(_ k: String, _ range: ClosedRange<Int>) throws -> Int? {
                try m[k].map { try reader.int($0.value, "\(key).\(k)", range: range) }
            }
            switch name {
            case "late-disclosure":
                s.disclosureWorkingDays = try int("working_days", 1...365) ?? s.disclosureWorkingDays
            case "interpretation":
                s.interpretationWorkingDays = try int("working_days", 1...60) ?? s.interpretationWorkingDays
                s.policyColumns = try urls(m["columns"], "\(key).columns")
                s.interpretationColumns = try urls(m["interpretation_columns"], "\(key).interpretation_columns")
                if let v = m["doc_numbers"] {
                    let patterns = try reader.strings(v.value, "\(key).doc_numbers")
                    for (i, p) in patterns.enumerated() {
                        do {
                            _ = try Regex(p)
                        } catch {
                            throw reader.error(v.value.sequence?[i], "\(key).doc_numbers[\(i)]", "not a valid regular expression: \(p)")
                        }
                    }
                    s.documentNumberPatterns = patterns
                }
            case "stale-guide":
                s.guideMaxAgeDays = try int("max_age_days", 1...3650) ?? s.guideMaxAgeDays
            case "stale-column":
                s.newsDays = try int("news_days", 1...3650) ?? s.newsDays
                s.noticeDays = try int("notice_days", 1...3650) ?? s.noticeDays
                s.feedDays = try int("feed_days", 1...3650) ?? s.feedDays
                s.homepageDays = try int("homepage_days", 1...3650) ?? s.homepageDays
                if let v = m["warn_at"] {
                    let w = try reader.double(v.value, "\(key).warn_at")
                    guard w < 1 else { throw reader.error(v.value, "\(key).warn_at", "expected a share below 1, such as 0.7") }
                    s.warnAt = w
                }
            case "annual-report":
                if let v = m["town_street_due"] { s.townStreetReportDue = try monthDay(v.value, "\(key).town_street_due") }
                if let v = m["city_due"] { s.cityReportDue = try monthDay(v.value, "\(key).city_due") }
            case "unapproved":
                if let v = m["since"] {
                    let text = try reader.string(v.value, "\(key).since")
                    guard let d = CivilDate(iso: text) else {
                        throw reader.error(v.value, "\(key).since", "expected a YYYY-MM-DD date, got '\(text)'")
                    }
                    s.approvalsSince = d
                }
            default:
                break
            }
        }
        return s
    }

    /// The finding ids a section switches on or off.
    static func ids(of section: String) -> [RuleID] {
        section == "interpretation"
            ? [.interpretationMissing, .interpretationLate, .interpretationLink] : [RuleID(rawValue: section)]
    }

    private func urls(_ pair: (key: Node, value: Node)?, _ key: String) throws -> [String] {
        guard let pair else { return [] }
        return try reader.strings(pair.value, key).map { s in
            guard let url = URLResolver.resolve(s, against: base) else {
                throw reader.error(pair.value, key, "expected a path or an http(s) URL, got '\(s)'")
            }
            return url.hasSuffix("/") ? url + "index.html" : url
        }
    }

    private func monthDay(_ node: Node, _ key: String) throws -> MonthDay {
        let text = try reader.string(node, key)
        guard let md = MonthDay(text) else { throw reader.error(node, key, "expected a day as MM-DD, got '\(text)'") }
        return md
    }
}
