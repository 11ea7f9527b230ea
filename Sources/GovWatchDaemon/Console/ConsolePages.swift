import FlyingFox
import Foundation
import GovWatchCore
import GovWatchReport
import GovWatchStore

/// The read-only pages: 总览, 单位, 问题, 通知, 考评, 运行.
extension Console {
    struct FindingRow {
        var id: Int64
        var unit: String
        var rule: String
        var description: String
        var severity: String
        var severityCSS: String
        var firstSeen: String
        var lastSeen: String
        var status: String
    }

    struct FindingList {
        var rows: [FindingRow]
        /// False on a unit's own page.
        var showUnit = true
    }

    struct NoticeRow {
        var id: Int64
        var number: String
        var unit: String
        var issued: String
        var deadline: String
        var status: String
        var css: String
        var items: Int
        var reported: String
    }

    struct Choice {
        var value: String
        var label: String
        var selected: Bool
    }

    func rows(_ findings: [StoredFinding], names: [String: String]) -> [FindingRow] {
        findings.map {
            FindingRow(
                id: $0.id, unit: names[$0.finding.unitID] ?? $0.finding.unitID, rule: $0.finding.rule.rawValue,
                description: $0.finding.description, severity: $0.finding.severity.chinese,
                severityCSS: $0.finding.severity.rawValue, firstSeen: $0.firstSeen.description, lastSeen: $0.lastSeen.description,
                status: $0.status.chinese)
        }
    }

    func rows(_ notices: [StoredNotice], names: [String: String]) -> [NoticeRow] {
        notices.map {
            NoticeRow(
                id: $0.id, number: $0.number, unit: names[$0.unitID] ?? $0.unitID, issued: $0.issuedOn.description,
                deadline: $0.deadlineText, status: $0.status.label, css: ConsoleFormat.notice($0.status), items: $0.items.count,
                reported: $0.reportedOn?.description ?? "未报告")
        }
    }

    // MARK: 总览

    func overview(_ viewer: Viewer) async throws -> HTTPResponse {
        struct UnitRow {
            var id, name, score, grade, css: String
            var open, due, overdue: Int
        }
        struct NationalRow { var probe, verdict, css, vetoes, points: String }
        struct ProbeRow { var id, last, outcome, css, next: String }
        struct View {
            var year: Int
            var units: [UnitRow]
            var national: [NationalRow]
            var hasNational: Bool
            var probes: [ProbeRow]
            var warnings: [String]
            var hasWarnings: Bool
        }
        let db = context.database
        let settings = context.settings()
        let today = context.today
        let units = try db.units()
        let counts = try db.findingCountsByUnit()
        let totals = try db.deductionTotals(period: today.year)
        let notices = Dictionary(grouping: try db.notices(), by: \.unitID)
        let unitRows = units.map { u in
            let t = totals[u.id] ?? ([:], 0)
            let score = Scorer.score(unitID: u.id, lineTotals: t.lines, fraud: t.fraud, rubric: settings.rubric)
            let mine = notices[u.id] ?? []
            return UnitRow(
                id: u.id, name: u.fullName, score: ConsoleFormat.points(score.total), grade: score.grade.rawValue,
                css: ConsoleFormat.grade(score.grade), open: counts[u.id]?.open ?? 0,
                due: mine.filter { $0.status == .issued }.count, overdue: mine.filter { $0.status == .overdue }.count)
        }
        let national = try nationalVerdicts(probes: Set(units.map(\.probeID)))
        let runs = try db.latestRuns()
        let schedules = await context.schedules()
        let probeIDs = Set(runs.keys).union(schedules.map(\.probeID)).sorted()
        let probeRows = probeIDs.map { id in
            let s = schedules.first { $0.probeID == id }
            let run = runs[id]
            let outcome = s?.running == true ? "检查中" : (s?.lastOutcome ?? run.map { $0.status.rawValue } ?? "—")
            return ProbeRow(
                id: id, last: ConsoleFormat.time(s?.lastStarted ?? run?.started.timeIntervalSince1970), outcome: outcome,
                css: ConsoleFormat.run(outcome), next: ConsoleFormat.time(s?.nextRun))
        }
        let warnings = try self.warnings(settings: settings, today: today)
        let view = View(
            year: today.year, units: unitRows, national: national, hasNational: !national.isEmpty, probes: probeRows,
            warnings: warnings, hasWarnings: !warnings.isEmpty)
        return page(.ok, title: "总览", body: ConsoleTemplates.render(view, "overview"), viewer: viewer)

        func nationalVerdicts(probes: Set<String>) throws -> [NationalRow] {
            let rubric = SiteRubricLoader.national
            let counts = try db.openCountsByProbeAndRule()
            return probes.sorted().map { id in
                let v = rubric.verdict(probeID: id, counts: counts[id] ?? [:])
                return NationalRow(
                    probe: id, verdict: v.passed ? "合格" : "不合格", css: v.passed ? "good" : "fail",
                    vetoes: v.vetoes.map(\.veto).joined(separator: "；"), points: ConsoleFormat.points(v.pointsLost))
            }
        }
    }

    /// Calendar not imported, homepage availability low, failed fetches in the last run.
    func warnings(settings: DaemonSettings, today: CivilDate) throws -> [String] {
        var lines: [String] = []
        let missing = CalendarWatch.warning(settings.calendar, today: today) == nil ? [] : CalendarWatch.missingYears(settings.calendar, today: today)
        for year in missing {
            lines.append("\(year)年法定节假日安排尚未导入：相关期限暂按周末推算。请运维人员导入国务院办公厅通知（govwatch calendar import）并重新加载。")
        }
        for (probe, a) in try context.database.availabilityByProbe(since: context.now() - 7 * 86_400).sorted(by: { $0.key < $1.key })
        where a.samples > 0 && a.failedShare >= 0.03 {
            lines.append("站点 \(probe) 首页近 7 天访问失败 \(a.failed)/\(a.samples) 次（\(String(format: "%.1f", a.failedShare * 100))%）")
        }
        var seen = Set<String>()
        for run in try context.database.recentRuns(limit: 50) where seen.insert(run.probe_id).inserted {
            guard let s = run.summary, s.failed > 0 else { continue }
            lines.append("站点 \(run.probe_id) 最近一次抓取有 \(s.failed) 个页面失败（见“运行”）")
        }
        return lines
    }

    // MARK: 单位

    func unit(_ id: String, _ viewer: Viewer, flash: String?) throws -> HTTPResponse {
        struct LineRow { var category, name, lost, points: String; var count: Int }
        struct LineChoice { var id, name, points: String }
        struct View {
            var id, fullName, score, grade, css: String
            var year, openCount, resolvedCount: Int
            var moreOpen: Bool
            var scoreChart, monthChart: String
            var lines: [LineRow]
            var fraud: String?
            var canRecord: Bool
            var csrf: String
            var lineChoices: [LineChoice]
            var notices: [NoticeRow]
            var open, resolved: FindingList
        }
        let db = context.database
        let settings = context.settings()
        let units = try db.units()
        guard let unit = units.first(where: { $0.id == id }) else {
            return page(.notFound, title: "单位不存在", body: message("没有单位 \(id)。", link: "/ui/"), viewer: viewer)
        }
        let names = units.fullNames
        let year = context.today.year
        let deductions = try db.scoringDeductions(period: year, unitID: id)
        let score = Scorer.score(unitID: id, deductions: deductions.map(\.deduction), rubric: settings.rubric)
        let runDays = try db.runs(probeID: unit.probeID).filter { $0.status == .completed }
            .map { ShanghaiClock.day(unixSeconds: $0.started_at.timeIntervalSince1970) }
        let checkDays = Set(runDays.filter { $0.year == year } + deductions.compactMap { CivilDate(iso: $0.foundOn) }).sorted()
        let series = checkDays.map { day in
            (day, Scorer.score(unitID: id, deductions: deductions.filter { $0.foundOn <= day.description }.map(\.deduction), rubric: settings.rubric).total)
        }
        var open = FindingQuery()
        open.unitID = id
        open.status = .open
        open.limit = 100
        var resolved = open
        resolved.status = .resolved
        resolved.limit = 50
        let openPage = try db.findingPage(open)
        let resolvedPage = try db.findingPage(resolved)
        let view = View(
            id: id, fullName: unit.fullName, score: ConsoleFormat.points(score.total), grade: score.grade.rawValue,
            css: ConsoleFormat.grade(score.grade), year: year, openCount: openPage.total, resolvedCount: resolvedPage.total, moreOpen: openPage.total > open.limit,
            scoreChart: ConsoleCharts.scoreLine(series, year: year),
            monthChart: ConsoleCharts.monthlyBars(try db.findingsByMonth(unitID: id, year: year)),
            lines: score.lines.filter { $0.count > 0 || $0.lost > 0 }.map {
                LineRow(category: $0.line.category, name: $0.line.name, lost: ConsoleFormat.points($0.lost), points: ConsoleFormat.points($0.line.points), count: $0.count)
            },
            fraud: score.fraud > 0 ? ConsoleFormat.points(score.fraud) : nil, canRecord: viewer.canRecord, csrf: viewer.csrf,
            lineChoices: settings.rubric.lines.map { LineChoice(id: $0.id, name: $0.name, points: ConsoleFormat.points($0.points)) },
            notices: rows(try db.notices(unitID: id), names: names),
            open: FindingList(rows: rows(openPage.findings, names: names), showUnit: false),
            resolved: FindingList(rows: rows(resolvedPage.findings, names: names), showUnit: false))
        return page(.ok, title: unit.name, body: ConsoleTemplates.render(view, "unit"), viewer: viewer, flash: flash.map { _ in "已记录。" })
    }

    // MARK: 问题

    func findings(_ q: [String: String?], _ viewer: Viewer) throws -> HTTPResponse {
        struct View {
            var unitChoices, ruleChoices, statusChoices, severityChoices: [Choice]
            var from, to: String
            var total: Int
            var page: Int
            var pages: Int?
            var list: FindingList
            var previous, next: String?
        }
        func value(_ k: String) -> String? { (q[k] ?? nil).flatMap { $0.isEmpty ? nil : $0 } }
        let db = context.database
        var query = FindingQuery()
        query.unitID = value("unit")
        query.rule = value("rule")
        query.status = value("status").flatMap(FindingStatus.init(rawValue:))
        query.severity = value("severity").flatMap(Severity.init(rawValue:))
        query.from = try value("from").map { try day($0, "from") }
        query.to = try value("to").map { try day($0, "to") }
        let pageNumber = max(1, Int(value("page") ?? "1") ?? 1)
        query.offset = (pageNumber - 1) * query.limit
        let result = try db.findingPage(query)
        let units = try db.units()
        let pages = max(1, (result.total + query.limit - 1) / query.limit)
        func link(_ n: Int) -> String {
            let keep = ["unit", "rule", "status", "severity", "from", "to"].compactMap { k in value(k).map { "\(k)=\(ConsoleHTTP.escape($0))" } }
            return "/ui/findings?" + (keep + ["page=\(n)"]).joined(separator: "&")
        }
        let view = View(
            unitChoices: units.map { Choice(value: $0.id, label: $0.name, selected: $0.id == query.unitID) },
            ruleChoices: try db.findingRules().map { Choice(value: $0, label: $0, selected: $0 == query.rule) },
            statusChoices: FindingStatus.allCases.map { Choice(value: $0.rawValue, label: $0.chinese, selected: $0 == query.status) },
            severityChoices: Severity.allCases.map { Choice(value: $0.rawValue, label: $0.chinese, selected: $0 == query.severity) },
            from: query.from?.description ?? "", to: query.to?.description ?? "", total: result.total, page: pageNumber,
            pages: result.total > query.limit ? pages : nil, list: FindingList(rows: rows(result.findings, names: units.fullNames)),
            previous: pageNumber > 1 ? link(pageNumber - 1) : nil, next: pageNumber < pages ? link(pageNumber + 1) : nil)
        return page(.ok, title: "问题", body: ConsoleTemplates.render(view, "findings"), viewer: viewer)
    }

    func finding(_ idText: String, _ viewer: Viewer) throws -> HTTPResponse {
        struct DeductionRow { var period, line, points, foundOn, by, state: String }
        struct View {
            var description, unitID, unit, rule, clause, severity, severityCSS, status, url, firstSeen, lastSeen: String
            var resolvedOn, href: String?
            var seenCount: Int
            var evidence: [Evidence]
            var deductions: [DeductionRow]
            var notices: [NoticeRow]
        }
        let db = context.database
        guard let id = Int64(idText), let f = try db.finding(id: id) else {
            return page(.notFound, title: "问题不存在", body: message("没有编号为 \(idText) 的问题。", link: "/ui/findings"), viewer: viewer)
        }
        let names = try db.units().fullNames
        let rubric = context.settings().rubric
        let view = View(
            description: f.finding.description, unitID: f.finding.unitID, unit: names[f.finding.unitID] ?? f.finding.unitID,
            rule: f.finding.rule.rawValue, clause: f.finding.clause, severity: f.finding.severity.chinese,
            severityCSS: f.finding.severity.rawValue, status: f.status.chinese, url: f.finding.url,
            firstSeen: f.firstSeen.description, lastSeen: f.lastSeen.description, resolvedOn: f.resolvedOn?.description,
            href: ConsoleHTTP.safeHref(f.finding.url), seenCount: f.seenCount, evidence: f.finding.evidence,
            deductions: try db.deductions(fingerprint: f.finding.fingerprint).map { d in
                DeductionRow(
                    period: "\(d.period)", line: d.lineID.flatMap { rubric.line($0)?.name } ?? d.lineID ?? "—",
                    points: ConsoleFormat.points(d.points), foundOn: d.foundOn, by: d.by, state: d.revoked ? "已撤销" : "有效")
            },
            notices: rows(try db.notices(listing: f.finding.fingerprint), names: names))
        return page(.ok, title: "问题 \(id)", body: ConsoleTemplates.render(view, "finding"), viewer: viewer)
    }

    // MARK: 通知

    func notices(_ q: [String: String?], _ viewer: Viewer) throws -> HTTPResponse {
        struct View {
            var statusChoices: [Choice]
            var notices: [NoticeRow]
        }
        let status = (q["status"] ?? nil).flatMap(NoticeStatus.init(rawValue:))
        let db = context.database
        let view = View(
            statusChoices: NoticeStatus.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: $0 == status) },
            notices: rows(try db.notices(status: status), names: try db.units().fullNames))
        return page(.ok, title: "整改通知", body: ConsoleTemplates.render(view, "notices"), viewer: viewer)
    }

    func notice(_ name: String, _ viewer: Viewer, flash: String?) throws -> HTTPResponse {
        struct ItemRow { var description, clause, points: String }
        struct View {
            var id: Int64
            var unitID, unit, issued, deadline, status, css, reported, today, csrf: String
            var closed: String?
            var items: [ItemRow]
            var canRecord: Bool
        }
        let db = context.database
        let (idText, format) = name.hasSuffix(".html") ? (String(name.dropLast(5)), "html") : name.hasSuffix(".docx") ? (String(name.dropLast(5)), "docx") : (name, "")
        guard let id = Int64(idText), let n = try db.notice(id: id) else {
            return page(.notFound, title: "通知不存在", body: message("没有编号为 \(idText) 的通知。", link: "/ui/notices"), viewer: viewer)
        }
        let names = try db.units().fullNames
        let settings = context.settings()
        let document = NoticeDocument(
            notice: n, unitName: names[n.unitID] ?? n.unitID, issuer: settings.config.delivery.issuer,
            deadlineDays: settings.config.delivery.deadlineDays, previous: try n.followUpOf.flatMap { try db.notice(id: $0) }?.number)
        switch format {
        case "html": return ConsoleHTTP.response(.ok, body: Data(document.html(templates: settings.templates).utf8))
        case "docx":
            return ConsoleHTTP.download(
                Data(try document.docx()), type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                name: "\(n.number).docx")
        default: break
        }
        let view = View(
            id: id, unitID: n.unitID, unit: names[n.unitID] ?? n.unitID, issued: n.issuedOn.description, deadline: n.deadlineText,
            status: n.status.label, css: ConsoleFormat.notice(n.status),
            reported: n.reportedOn.map { "\($0) 收到，\(n.reportedBy ?? "") 登记" } ?? "未报告", today: context.today.description,
            csrf: viewer.csrf, closed: n.closedOn?.description,
            items: n.items.map { ItemRow(description: $0.description, clause: $0.clause, points: ConsoleFormat.points($0.points)) },
            canRecord: viewer.canRecord && n.reportedOn == nil)
        return page(.ok, title: n.number, body: ConsoleTemplates.render(view, "notice"), viewer: viewer, flash: flash.map { _ in "已登记。" })
    }

    // MARK: 考评

    func scores(_ q: [String: String?], _ viewer: Viewer) throws -> HTTPResponse {
        struct Row { var cells: [String] }
        struct View {
            var year: Int
            var header: [String]
            var rows: [Row]
            var logCount: Int
        }
        let year = try year((q["year"] ?? nil) ?? "\(context.today.year)")
        let sheet = try YearEndPack.sheet(Evaluation(database: context.database, rubric: context.settings().rubric), year: year)
        let view = View(year: year, header: sheet.scoreHeader, rows: sheet.scores.map { Row(cells: $0.map(\.text)) }, logCount: sheet.log.count)
        return page(.ok, title: "\(year)年度考评", body: ConsoleTemplates.render(view, "scores"), viewer: viewer)
    }

    /// `2026.xlsx`, `2026-log.csv`, `2026-scores.csv`, `2026.json`: the CLI's exports.
    func scoreDownload(_ name: String) async throws -> HTTPResponse {
        let stem = name.split(separator: ".").first.map(String.init) ?? ""
        let ext = name.split(separator: ".").dropFirst().first.map(String.init) ?? ""
        let yearText = String(stem.prefix(4))
        let year = try year(yearText)
        let sheet = try YearEndPack.sheet(Evaluation(database: context.database, rubric: context.settings().rubric), year: year)
        switch (stem.dropFirst(4), ext) {
        case ("", "xlsx"):
            let data = try await OffPool.run { () throws -> Data in
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("govwatch-\(UUID().uuidString).xlsx").path
                defer { try? FileManager.default.removeItem(atPath: path) }
                try XLSXExport.write(sheet, to: path)
                return try Data(contentsOf: URL(fileURLWithPath: path))
            }
            return ConsoleHTTP.download(data, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "考评-\(year).xlsx")
        case ("-log", "csv"):
            return ConsoleHTTP.download(
                CSVExport.render(header: EvaluationSheet.logHeader, rows: sheet.log), type: "text/csv; charset=utf-8", name: "扣分明细-\(year).csv")
        case ("-scores", "csv"):
            return ConsoleHTTP.download(
                CSVExport.render(header: sheet.scoreHeader, rows: sheet.scores), type: "text/csv; charset=utf-8", name: "得分汇总-\(year).csv")
        case ("", "json"):
            return ConsoleHTTP.download(try JSONExport(sheet).encoded(), type: "application/json", name: "考评-\(year).json")
        default:
            throw ConsoleInputError(message: "没有这个下载：\(name)", back: "/ui/scores")
        }
    }

    // MARK: 运行

    func runs(_ viewer: Viewer) throws -> HTTPResponse {
        struct RunRow {
            var id: Int64
            var probe, started, seconds, status, css, outcomes: String
            var fetched, unchanged, failed: Int
        }
        struct QueueCount { var label: String; var count: Int }
        struct DeliveryRow { var name, channel, status, css, error: String; var attempts: Int }
        struct View {
            var runs: [RunRow]
            var queue: [QueueCount]
            var deliveries: [DeliveryRow]
        }
        let db = context.database
        let runs = try db.recentRuns(limit: 50)
        let outcomes = try db.fetchOutcomes(runIDs: runs.map(\.id))
        let labels: [DeliveryStatus: String] = [.pending: "待发送", .sent: "已发送", .failed: "发送失败"]
        let counts = try db.deliveryCounts()
        let view = View(
            runs: runs.map { r in
                RunRow(
                    id: r.id, probe: r.probe_id, started: ConsoleFormat.time(r.started_at.timeIntervalSince1970),
                    seconds: r.finished_at.map { String(format: "%.1f", $0.timeIntervalSince(r.started_at)) } ?? "—",
                    status: r.status.rawValue, css: ConsoleFormat.run(r.status.rawValue),
                    outcomes: (outcomes[r.id] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "，"),
                    fetched: r.summary?.fetched ?? 0, unchanged: r.summary?.unchanged ?? 0, failed: r.summary?.failed ?? 0)
            },
            queue: DeliveryStatus.allCases.map { QueueCount(label: labels[$0] ?? $0.rawValue, count: counts[$0] ?? 0) },
            deliveries: try (db.deliveries(status: .pending, limit: 50) + db.deliveries(status: .failed, limit: 50)).map {
                DeliveryRow(
                    name: $0.message.subject, channel: $0.channel, status: labels[$0.status] ?? $0.status.rawValue,
                    css: $0.status == .failed ? "bad" : "warn", error: $0.lastError ?? "", attempts: $0.attempts)
            })
        return page(.ok, title: "运行", body: ConsoleTemplates.render(view, "runs"), viewer: viewer)
    }

    // MARK: Input

    func day(_ text: String, _ field: String) throws -> CivilDate {
        guard let d = CivilDate(iso: text) else { throw ConsoleInputError(message: "\(field)：日期应为 YYYY-MM-DD，收到 \(text)", back: nil) }
        return d
    }

    func year(_ text: String) throws -> Int {
        guard let y = Int(text), (2000...2100).contains(y) else { throw ConsoleInputError(message: "年度应为 2000 至 2100 的整数，收到 \(text)", back: "/ui/scores") }
        return y
    }
}
