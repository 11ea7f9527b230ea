import Foundation
import GovWatchCore
import GovWatchStore

/// A rectification notice (整改通知书) as a unit receives it: the data of its HTML template
/// and of its Word document.
public struct NoticeDocument: Sendable {
    /// One listed problem.
    public struct Line: Sendable, Hashable {
        public var index: Int
        public var description: String
        public var clause: String
        public var url: String
        public var points: String
    }

    public var title: String
    public var number: String
    /// The unit's full name, the addressee.
    public var unit: String
    public var opening: String
    public var items: [Line]
    public var requirement: String
    public var issuer: String
    /// 2026年11月20日.
    public var issuedOn: String
    public var deadline: String

    /// - Parameters:
    ///   - previous: the number of the overdue notice a follow-up follows.
    public init(notice: StoredNotice, unitName: String, issuer: String, deadlineDays: Int, previous: String?) {
        title = previous == nil ? "政府信息公开整改通知书" : "政府信息公开整改督办通知书"
        number = notice.number
        unit = unitName
        issuedOn = Self.chinese(notice.issuedOn)
        deadline = Self.chinese(notice.deadline) + (notice.provisional ? "（暂定）" : "")
        if let previous {
            opening = "我办于\(Self.chinese(notice.issuedOn))复查发现，\(previous)所列问题逾期未整改，现予督办。仍存在以下问题："
        } else {
            opening = "经政府信息公开监测检查，你单位存在以下问题。根据《阿尔山市政府信息公开考评规定（试行）》第七条和《阿尔山市政府信息公开责任追究制度（试行）》第八条、第九条的规定，现通知你单位限期整改："
        }
        items = notice.items.enumerated().map { i, item in
            Line(index: i + 1, description: item.description, clause: item.clause, url: item.url, points: Rubric.format(item.points))
        }
        requirement =
            "请你单位于\(deadline)前（\(deadlineDays)个工作日内）完成整改，并将整改情况形成书面报告报送\(issuer)。逾期未整改的，将予以通报批评。对处理结果有异议的，可于接到本通知后30日内申请复核。"
        self.issuer = issuer
    }

    /// `2026年11月20日`.
    public static func chinese(_ d: CivilDate) -> String { "\(d.year)年\(d.month)月\(d.day)日" }

    public func html(templates: Templates = .standard) -> String { templates.render(self, "notice.html") }

    /// A Word document (WordprocessingML in a ZIP), laid out as an official document.
    public func docx() throws -> [UInt8] { try DocxWriter.document(self) }

    /// The file name stem: the number without characters a file system dislikes.
    public var fileStem: String {
        "notice-" + number.map { "〔〕".contains($0) ? "-" : String($0) }.joined()
    }
}
