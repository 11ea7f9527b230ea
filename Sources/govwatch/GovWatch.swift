import ArgumentParser

/// The `govwatch` command line.
@main
struct GovWatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "govwatch",
        abstract: "Watches a city government's portal and WeChat feeds for 政府信息公开 rules.",
        version: "0.1.0",
        subcommands: [
            DemoCommand.self, RunCommand.self, CheckCommand.self, CrawlCommand.self, FindingsCommand.self, PublicationsCommand.self,
            ScoreCommand.self, DeductCommand.self, ExportCommand.self, ReportCommand.self, ValidateCommand.self, CalendarCommand.self,
            NoticesCommand.self, NoticeCommand.self, DigestCommand.self, SendTestCommand.self, TemplatesCommand.self, DeliveriesCommand.self,
            InspectCommand.self, RulesCommand.self, RequestsCommand.self, ConsoleCommand.self, UserCommand.self,
        ])
}
