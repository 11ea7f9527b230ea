import ArgumentParser
import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchReport
import GovWatchStore

/// Options of the commands that read a database and, optionally, the daemon config
/// (issuer, templates, deadlines, channels).
struct PostOptions: ParsableArguments {
    @Option(help: "SQLite database file.") var db: String
    @Option(help: "Daemon config (YAML) for templates, issuer and channels; default: built-in settings.") var config: String?

    func settings() throws -> DaemonSettings {
        var c = try config.map(DaemonConfig.load) ?? DaemonConfig()
        c.database = db
        return DaemonSettings(
            config: c, probes: [], calendar: try loadCalendar(c.holidays), rubric: try RubricLoader.load(c.rubric),
            templates: try DaemonSettings.templates(c))
    }

    func database() throws -> AppDatabase {
        guard FileManager.default.fileExists(atPath: db) else { throw ValidationError("no database at \(db)") }
        return try AppDatabase(path: db)
    }
}

/// `govwatch notices`: the rectification notices and where they stand.
struct NoticesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notices", abstract: "List rectification notices (整改通知书): issued, rectified, overdue.")

    @OptionGroup var options: PostOptions
    @Option(help: "issued, rectified or overdue.") var status: NoticeStatus?

    func run() throws {
        let database = try options.database()
        let names = try database.units().fullNames
        let table = TextTable(header: ["编号", "文号", "单位", "下发日期", "整改期限", "状态", "办结日期", "问题数", "督办", "书面报告"])
        for n in try database.notices(status: status) {
            table.add([
                "\(n.id)", n.number, names[n.unitID] ?? n.unitID, n.issuedOn.description, n.deadlineText, n.status.label,
                n.closedOn?.description ?? "", "\(n.items.count)", n.followUpOf.map { "#\($0)" } ?? "",
                n.reportedOn.map { "\($0) \(n.reportedBy ?? "")" } ?? "未报告",
            ])
        }
        print(table.render(), terminator: "")
    }
}

/// `govwatch notice show N`: one notice as HTML, DOCX or text.
struct NoticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice", abstract: "Show one rectification notice, or record its written report.",
        subcommands: [Show.self, Report.self])

    /// `govwatch notice report N`: the unit's written report arrived (附件3 第九条).
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that a unit's written report on notice N arrived (audited); the re-checks still decide rectification.")

        @Argument(help: "Notice number (编号).") var id: Int64
        @OptionGroup var options: PostOptions
        @Option(help: "The day it arrived (YYYY-MM-DD); default: today in Asia/Shanghai.") var on: String?
        @Option(help: "Who records it.") var by: String
        @Option(help: "A note for the audit trail (e.g. the report's 文号).") var note: String?

        func run() throws {
            let day = try parseDay(on) ?? ShanghaiClock.today()
            guard !by.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--by NAME is required") }
            do {
                try options.database().recordReport(notice: id, on: day, by: by, note: note)
            } catch let error as StoreError {
                throw ValidationError(error.message)
            }
            print("notice \(id): written report received \(day), recorded by \(by)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render notice N (the number in the first column of `govwatch notices`).")

        enum Format: String, ExpressibleByArgument, CaseIterable { case html, docx, text }

        @Argument(help: "Notice number (编号).") var id: Int64
        @OptionGroup var options: PostOptions
        @Option(help: "html, docx or text.") var format: Format = .text
        @Option(help: "Write to this file instead of standard output (required for docx).") var out: String?

        func validate() throws {
            if format == .docx && out == nil { throw ValidationError("--format docx needs --out FILE") }
        }

        func run() throws {
            let database = try options.database()
            let settings = try options.settings()
            guard let notice = try database.notice(id: id) else { throw ValidationError("no notice \(id); see govwatch notices") }
            let names = try database.units().fullNames
            let doc = NoticeDocument(
                notice: notice, unitName: names[notice.unitID] ?? notice.unitID, issuer: settings.config.delivery.issuer,
                deadlineDays: settings.config.delivery.deadlineDays,
                previous: try notice.followUpOf.flatMap { try database.notice(id: $0) }?.number)
            let bytes: [UInt8] =
                switch format {
                case .html: Array(doc.html(templates: settings.templates).utf8)
                case .docx: try doc.docx()
                case .text: Array(try Messages.notice(doc, templates: settings.templates).text.utf8)
                }
            try writeOut(bytes, to: out)
        }
    }
}

/// `govwatch digest`: the daily digest of a day, as the daemon would send it (not recorded).
struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest", abstract: "Render the daily digest for supervisors (HTML or text).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case html, text, markdown }

    @OptionGroup var options: PostOptions
    @Option(help: "The digest's day (YYYY-MM-DD); default: today in Asia/Shanghai.") var date: String?
    @Option(help: "Cover findings first seen after this day; default: since the last digest made, else everything.") var since: String?
    @Option(help: "html, text or markdown.") var format: Format = .text
    @Option(help: "Write to this file instead of standard output.") var out: String?

    func run() throws {
        let database = try options.database()
        let settings = try options.settings()
        let day = try parseDay(date) ?? ShanghaiClock.today()
        let window: DigestWindow
        if let since = try parseDay(since) {
            window = .afterDay(since)
        } else if let last = try database.lastDigest(), last.date < day {
            window = .afterDigest(last)
        } else {
            window = .everything
        }
        let digest = try Digest.build(
            database: database, date: day, window: window, rubric: settings.rubric, calendar: settings.calendar,
            national: try SiteScores.verdicts(database, rubric: SiteRubricLoader.national))
        let name = switch format {
            case .html: "digest.html"
            case .text: "digest.txt"
            case .markdown: "digest.md"
        }
        try writeOut(Array(settings.templates.render(digest, name).utf8), to: out)
    }
}

/// Bytes to a file, or to standard output.
func writeOut(_ bytes: [UInt8], to path: String?) throws {
    if let path {
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        FileHandle.standardError.write(Data("wrote \(path) (\(bytes.count) bytes)\n".utf8))
    } else {
        FileHandle.standardOutput.write(Data(bytes))
    }
}
extension NoticeStatus: ExpressibleByArgument {}

/// `govwatch deliveries`: what was queued for which channel, and what became of it.
struct DeliveriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries", abstract: "List queued messages per channel: pending, sent, failed (with the last error).")

    @OptionGroup var options: PostOptions
    @Option(help: "pending, sent or failed.") var status: DeliveryStatus?
    @Option(help: "At most this many, newest first.") var limit = 100

    func run() throws {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm"
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        let table = TextTable(header: ["编号", "渠道", "类别", "主题", "状态", "尝试", "下次/发送时间", "错误"])
        for d in try options.database().deliveries(status: status, limit: limit) {
            let when = d.sentAt ?? (d.status == .pending ? Date(timeIntervalSince1970: d.nextAttemptAt) : nil)
            table.add([
                "\(d.id)", d.channel, d.message.kind.rawValue, String(d.message.subject.prefix(40)), d.status.rawValue, "\(d.attempts)",
                when.map(f.string(from:)) ?? "", d.lastError ?? "",
            ])
        }
        print(table.render(), terminator: "")
    }
}

extension DeliveryStatus: ExpressibleByArgument {}
