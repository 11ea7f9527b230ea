import ArgumentParser
import Foundation
import GovWatchStore

/// `govwatch publications`: what the crawls stored.
struct PublicationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publications", abstract: "List stored publications, newest first.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: "SQLite database file.") var db: String
    @Option(help: "Only this unit's publications (unit id).") var unit: String?
    @Option(help: "Output format: table or json.") var format: Format = .table
    @Option(help: "At most this many rows.") var limit: Int?

    func run() throws {
        guard FileManager.default.fileExists(atPath: db) else { throw ValidationError("no database at \(db)") }
        let rows = try AppDatabase(path: db).publications(unitID: unit, limit: limit)
        switch format {
        case .json:
            print(try jsonText(rows))
        case .table:
            let table = TextTable(header: ["发布日期", "单位", "标题", "来源", "索引号", "链接"])
            for r in rows {
                let p = r.publication
                table.add([
                    p.published?.description ?? "", p.unitID ?? "", String(p.title.prefix(30)), p.source ?? "",
                    p.info.indexNumber ?? "", p.url,
                ])
            }
            print(table.render(), terminator: "")
            print("\(rows.count) publications")
        }
    }
}
