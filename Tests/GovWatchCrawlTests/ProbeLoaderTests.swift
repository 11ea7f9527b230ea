import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
import Testing

@Suite struct ProbeLoaderTests {
    static let valid = """
        probe:
          id: aes
          name: 阿尔山市人民政府门户网站
          base: http://www.aes.gov.cn/
        units:
          - id: szfb
            name: 市政府办公室
            full_name: 阿尔山市人民政府办公室
            type: city
            guide: /zwgk/xxgkzn/szfb/index.html
        columns:
          - url: /zwgk/zcwj/
            name: 政策文件
            type: policy
            unit: szfb
        """

    func error(_ text: String) -> String? {
        do {
            _ = try ProbeLoader.parse(text, file: "p.yaml")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func readsAValidProbe() throws {
        let p = try ProbeLoader.parse(Self.valid, file: "p.yaml")
        #expect(p.hosts == ["www.aes.gov.cn"])
        #expect(p.homepage == "http://www.aes.gov.cn/")
        #expect(p.columns.first?.url == "http://www.aes.gov.cn/zwgk/zcwj/index.html")
        #expect(p.units.first?.guide == "http://www.aes.gov.cn/zwgk/xxgkzn/szfb/index.html")
        #expect(p.crawl == CrawlSettings())
    }

    @Test(arguments: [
        ("missing key", Self.valid.replacingOccurrences(of: "    name: 政策文件\n", with: ""),
         "p.yaml:12: columns[0].name: missing key"),
        ("wrong type", Self.valid + "\ncrawl:\n  concurrency: eight\n",
         "p.yaml:17: crawl.concurrency: expected a whole number"),
        ("unknown column type", Self.valid.replacingOccurrences(of: "type: policy", with: "type: polcy"),
         "p.yaml:14: columns[0].type: expected one of news, notice, policy, interpretation, guide, catalogue, annual-report, other, got 'polcy'"),
        ("undeclared unit", Self.valid.replacingOccurrences(of: "unit: szfb", with: "unit: wcgz"),
         "p.yaml:15: columns[0].unit: unit 'wcgz' is not declared under units (declared: szfb)"),
        ("duplicate unit id", Self.valid.replacingOccurrences(of: "columns:", with: """
              - id: szfb
                name: 重复
                full_name: 重复单位
                type: town
            columns:
            """),
         "p.yaml:11: units[1].id: duplicate unit id 'szfb', first declared on line 6"),
        ("duplicate key", Self.valid.replacingOccurrences(of: "  base: http://www.aes.gov.cn/\n", with: "  base: http://www.aes.gov.cn/\n  id: other\n"),
         "p.yaml:5: id: duplicate key"),
        ("unknown key", Self.valid.replacingOccurrences(of: "    type: city", with: "    typ: city"),
         "p.yaml:9: units[0].typ: unknown key; expected one of aliases, annual_reports, catalogue, full_name, guide, id, name, type"),
        ("bad base", Self.valid.replacingOccurrences(of: "base: http://www.aes.gov.cn/", with: "base: www.aes.gov.cn"),
         "p.yaml:4: probe.base: expected an http:// or https:// URL, got 'www.aes.gov.cn'"),
        ("syntax", "probe:\n  id: [unclosed\n", "p.yaml:3: YAML syntax: did not find expected ',' or ']'"),
    ])
    func badProbeFilesNameFileLineAndKey(name: String, text: String, expected: String) {
        #expect(error(text) == expected, "\(name)")
    }

    @Test func duplicateProbeIdsAcrossFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("probes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.valid.write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try ("\u{FEFF}" + Self.valid.replacingOccurrences(of: "\n", with: "\r\n"))
            .write(to: dir.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: ConfigError(
            file: dir.appendingPathComponent("b.yaml").path, line: 1, key: "probe.id",
            message: "duplicate probe id 'aes', also in \(dir.appendingPathComponent("a.yaml").path)")) {
            try ProbeLoader.loadDirectory(dir.path)
        }
    }

    @Test func theRepositorysProbesLoadAndTheDemoProbeIsEmbeddedVerbatim() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let onDisk = try String(contentsOf: root.appendingPathComponent("Probes/demo/demo.yaml"), encoding: .utf8)
        #expect(onDisk == DemoProbe.yaml)
        for dir in ["Probes/demo", "Probes/arxan"] {
            #expect(try !ProbeLoader.loadDirectory(root.appendingPathComponent(dir).path).isEmpty)
        }
    }
}
