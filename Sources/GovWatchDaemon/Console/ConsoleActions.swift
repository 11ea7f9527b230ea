import FlyingFox
import Foundation
import GovWatchCore
import GovWatchStore

/// What an evaluator records through the console: the same audited store paths as the
/// CLI's `govwatch deduct` and `govwatch notice report`, with the signed-in user as 记录人.
extension Console {
    func deduct(unit: String, form: [String: String], _ viewer: Viewer) async throws -> HTTPResponse {
        let back = "/ui/unit/\(ConsoleHTTP.escape(unit))"
        guard let points = Double(form["points"] ?? "") else {
            throw ConsoleInputError(message: "扣分应为数字，收到“\(form["points"] ?? "")”", back: back)
        }
        let evidence = (form["evidence"] ?? "").trimmingCharacters(in: .whitespaces)
        if !evidence.isEmpty && ConsoleHTTP.safeHref(evidence) == nil {
            throw ConsoleInputError(message: "证据链接应以 http:// 或 https:// 开头", back: back)
        }
        let evaluation = Evaluation(database: context.database, rubric: context.settings().rubric)
        let today = context.today
        let line = form["line"] ?? ""
        let reason = form["reason"] ?? ""
        let by = viewer.name
        do {
            _ = try await OffPool.run {
                try evaluation.deduct(
                    unit: unit, line: line, points: points, reason: reason, evidence: evidence.isEmpty ? nil : evidence, by: by,
                    period: today.year, on: today)
            }
        } catch let error as StoreError {
            throw ConsoleInputError(message: error.message, back: back)
        }
        return ConsoleHTTP.redirect(back + "?done=deduct")
    }

    func recordReport(notice idText: String, form: [String: String], _ viewer: Viewer) async throws -> HTTPResponse {
        let back = "/ui/notice/\(ConsoleHTTP.escape(idText))"
        guard let id = Int64(idText) else { throw ConsoleInputError(message: "没有编号为 \(idText) 的通知", back: "/ui/notices") }
        let on = try day(form["on"] ?? "", "收到日期")
        let note = (form["note"] ?? "").trimmingCharacters(in: .whitespaces)
        let database = context.database
        let by = viewer.name
        do {
            try await OffPool.run { try database.recordReport(notice: id, on: on, by: by, note: note.isEmpty ? nil : note) }
        } catch let error as StoreError {
            throw ConsoleInputError(message: error.message, back: back)
        }
        return ConsoleHTTP.redirect(back + "?done=report")
    }
}
