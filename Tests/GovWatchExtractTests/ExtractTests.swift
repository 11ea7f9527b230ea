import Foundation
import GovWatchCore
import GovWatchExtract
import Testing

/// Real files made by real programs (`Tests/Fixtures/attachments/make.py`: LibreOffice headless,
/// poppler, Python's zipfile), read by the extractor and the redactor as a crawl reads them.
@Suite(.serialized) struct ExtractTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/attachments")
    let extractor = AttachmentExtractor(limits: SandboxLimits(seconds: 5, cpuSeconds: 5))
    static let probe = Probe(
        id: "t", name: "测试", base: "http://127.0.0.1/", hosts: ["127.0.0.1"], homepage: "http://127.0.0.1/index.html",
        units: [UnitDefinition(id: "szfb", name: "市政府办公室", fullName: "阿尔山市人民政府办公室", type: .city)])
    static let day = CivilDate(year: 2026, month: 12, day: 1)!

    static func leakFindings(_ p: Publication) -> [Finding] {
        LeakRule().evaluate(ProbeWorld(probe: probe, publications: [p]), context: RuleContext(asOf: day)).findings
    }

    /// The attachment as a redacted publication, and the leak hits the rule sees in it.
    func read(_ name: String, with extractor: AttachmentExtractor? = nil) async throws -> (
        text: AttachmentText, publication: Publication, hits: [String]
    ) {
        let data = try Data(contentsOf: Self.dir.appendingPathComponent(name))
        let chosen = extractor ?? self.extractor
        let text = try await offPool { chosen.extract(data, name: name) }
        var p = Publication(url: "http://127.0.0.1/\(name)", kind: .attachment, title: name, parts: text.parts)
        p.extractionNote = text.note
        p.unitID = "szfb"
        Redactor.redact(&p, notAfterYear: 2026)
        let findings = Self.leakFindings(p).filter { $0.severity != .warning }
        return (text, p, findings.map { $0.evidence[0].label + ":" + $0.evidence[0].value })
    }

    func stored(_ p: Publication) throws -> String {
        String(decoding: try JSONEncoder().encode(p), as: UTF8.self)
    }

    @Test func subsidyListWithIDsIsFoundByCell() async throws {
        let r = try await read("subsidy-list.xlsx")
        #expect(r.text.format == "xlsx")
        #expect(r.hits == ["居民身份证号码:152202********2010"])
        #expect(r.publication.leaks?.count == 3)
        #expect(r.publication.leaks?.first?.location == "工作表「sheet」第2行")
        let json = try stored(r.publication)
        #expect(!json.contains("152202198503172010") && !json.contains("152202196209081020"))
        #expect(json.contains("张建国"))
    }

    @Test func theSameListMaskedIsClean() async throws {
        let r = try await read("subsidy-list-masked.xlsx")
        #expect(r.hits.isEmpty)
        #expect(r.publication.leaks == nil)
        #expect(r.text.note == nil)
    }

    @Test func bankCardBesideItsBankInADocx() async throws {
        let r = try await read("bank-card.docx")
        #expect(r.hits.count == 1 && r.hits[0].hasPrefix("银行卡号:6228"), "\(r.hits)")
        #expect(!(try stored(r.publication)).contains("62284804025648900"))
    }

    @Test func idNumberInAnExportedPDF() async throws {
        let r = try await read("id-number.pdf")
        #expect(r.hits == ["居民身份证号码:152202********1020"])
        #expect(r.publication.leaks?.first?.location == "第1页第2行" || r.publication.leaks?.first?.location?.hasPrefix("第1页") == true)
    }

    @Test func secretMarkWithItsPeriodInAPDF() async throws {
        let r = try await read("secret-mark.pdf")
        #expect(r.hits == ["密级标志:秘密★"])
    }

    @Test(arguments: ["notice.doc", "notice.wps", "notice.odt", "notice.rtf"])
    func idNumberInLegacyAndOpenDocuments(name: String) async throws {
        let r = try await read(name)
        #expect(r.text.note == nil)
        #expect(r.hits == ["居民身份证号码:152202********3036"])
    }

    @Test(arguments: ["subsidy-list.xls", "subsidy-list.et", "subsidy-list.ods"])
    func idNumbersInLegacyAndOpenWorkbooks(name: String) async throws {
        let r = try await read(name)
        #expect(r.text.note == nil)
        #expect(r.hits == ["居民身份证号码:152202********2010"])
        #expect(r.publication.leaks?.count == 3)
    }

    @Test func namesWithMobileNumbersAreAList() async throws {
        let r = try await read("mobile-list.xlsx")
        #expect(r.hits == ["个人手机号码:139****1234"])
        #expect(r.publication.leaks?.count == 4)
        #expect(!(try stored(r.publication)).contains("13904821234"))
    }

    @Test func anOfficeNumberAloneIsNoLeak() async throws {
        let r = try await read("office-phone.pdf")
        #expect(r.hits.isEmpty)
        #expect(r.text.note == nil)
        #expect(r.text.parts.flatMap(\.lines).contains { $0.contains("0482-7122345") })
    }

    @Test func aScannedPDFIsReportedNotChecked() async throws {
        let r = try await read("scanned.pdf")
        #expect(r.text.note == "扫描件，未能检查")
        let all = Self.leakFindings(r.publication)
        #expect(all.map(\.severity) == [.warning])
        #expect(all.first?.description.contains("扫描件，未能检查") == true)
    }

    @Test func aZipIsReadOneLevelDeep() async throws {
        let r = try await read("attachments.zip")
        #expect(r.hits == ["居民身份证号码:152202********2010"])
        #expect(r.publication.leaks?.first?.location == "「附件1 补贴名单.xlsx」工作表「sheet」第2行")
    }

    @Test func aSharedStringsBombIsRefusedWithinMemory() async throws {
        let before = Self.maxRSS()
        let r = try await read("bomb.xlsx")
        #expect(r.text.note == "无法提取文本：解压后超过大小限制")
        #expect(Self.maxRSS() - before < 256 << 20)
    }

    @Test func aPDFThatLoopsIsStoppedByTheClock() async throws {
        let started = Date()
        let r = try await read(
            "loop.pdf", with: AttachmentExtractor(limits: SandboxLimits(seconds: 2, cpuSeconds: 2, memoryBytes: 128 << 20)))
        // poppler keeps the page's text in memory: the memory limit or the clock stops it.
        #expect(["无法提取文本：超时", "无法提取文本：超出内存限制"].contains(r.text.note), "\(String(describing: r.text.note))")
        #expect(Date().timeIntervalSince(started) < 10)
    }

    static func maxRSS() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }
}
