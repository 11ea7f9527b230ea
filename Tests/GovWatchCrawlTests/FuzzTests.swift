import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
@testable import GovWatchDelivery
import GovWatchParse
import Testing

/// Mutation fuzzing of every parser of outside input, seeded with the fixtures: no crash,
/// no hang (an input slower than 2 s fails), no unbounded memory. Each target runs for
/// `GOVWATCH_FUZZ_SECONDS` (default 3; CI sets 30; by hand, as long as you like):
///
///     GOVWATCH_FUZZ_SECONDS=600 swift test --filter FuzzTests
///
/// An input that fails is written to `$TMPDIR/govwatch-fuzz-*` and belongs, once fixed, in
/// the seeds below as a regression fixture.
@Suite(.serialized) struct FuzzTests {
    static let seconds = Double(ProcessInfo.processInfo.environment["GOVWATCH_FUZZ_SECONDS"] ?? "") ?? 3

    static let htmlSeeds: [String] = {
        let pages = DemoPortal.pages().sorted { $0.key < $1.key }.prefix(12).map { String(decoding: $0.value.body, as: UTF8.self) }
        return Array(pages) + [
            PageTemplates.listing(column: "要闻", entries: [("t1.html", "标题", "2025-03-05")], page: 1, pageCount: 9, trsOnly: true),
            "<table><tr><th>索引号</th><td>A</td><th>成文日期</th><td>2025年3月5日</td></tr></table><p>来源：转自 某报</p>",
        ]
    }()

    static let feedSeeds: [(FeedFormat, String)] = [
        (.rss, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>t</title><link>/a</link><pubDate>Tue, 04 Mar 2025 20:30:00 +0000</pubDate><description><![CDATA[<p>来源：x</p>]]></description></item></channel></rss>"),
        (.atom, "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>t</title><link href=\"https://h/a\"/><updated>2025-03-04T17:00:00Z</updated><content type=\"html\">&lt;p&gt;x&lt;/p&gt;</content></entry></feed>"),
        (.jsonfeed, "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"id\":\"1\",\"url\":\"https://h/1\",\"title\":\"t\",\"content_text\":\"a\\nb\",\"date_published\":\"2025-03-05T10:30:00+08:00\"}]}"),
        (.wechatJSON, "{\"item\":[{\"update_time\":1790820000,\"content\":{\"news_item\":[{\"title\":\"t\",\"content\":\"<p>x</p>\",\"url\":\"https://mp.weixin.qq.com/s/1\"}]}}]}"),
    ]

    static let tokens: [[UInt8]] = [
        "<", "</", ">", "<!DOCTYPE x [<!ENTITY a \"b\">]>", "<![CDATA[", "]]>", "&#x", "&amp;", "\u{0}", "createPageHTML(",
        "索引号：", "发布日期", "2025年13月45日", "{", "}", "[", "]", "\"", ",", "\n", "\r\n", ":", "：", "《", "》", "\u{FEFF}",
        "<meta charset=\"gbk\">", "%PDF", "99999999999999999999", "-", "*/", "---", "- ", "  ",
    ].map { Array($0.utf8) }

    @Test func html() async throws {
        let parser = PageParser()
        try await fuzz("html", seeds: Self.htmlSeeds.map { Array($0.utf8) }) { input in
            _ = parser.parse(input, url: "http://127.0.0.1/a/b.html", contentType: nil)
        }
    }

    @Test func feeds() async throws {
        let parser = FeedParser(maxItems: 1000)
        for (format, seed) in Self.feedSeeds {
            try await fuzz("feed-\(format.rawValue)", seeds: [Array(seed.utf8)], seconds: Self.seconds / 2) { input in
                _ = try? parser.parse(input, format: format, url: "http://127.0.0.1/f")
            }
        }
    }

    @Test func approvalRegister() async throws {
        let seed = DemoPortal.approvalRegister()
        try await fuzz("register", seeds: [Array(seed.utf8)]) { input in
            _ = ApprovalRegister(text: String(decoding: input, as: UTF8.self), file: "r.csv")
        }
    }

    @Test func probeFiles() async throws {
        try await fuzz("probe", seeds: [Array(DemoProbe.yaml.utf8)]) { input in
            _ = try? ProbeLoader.parse(String(decoding: input, as: UTF8.self), file: "p.yaml")
        }
    }

    @Test func datesAndURLs() async throws {
        try await fuzz("dates-urls", seeds: [Array("2025年03月05日 10:30 http://h/a/../b.html?x#y".utf8)]) { input in
            let text = String(decoding: input, as: UTF8.self)
            _ = DateScanner.firstDate(in: text)
            _ = FeedDate.parse(text)
            _ = URLResolver.resolve(text, against: "http://127.0.0.1/a/b/c.html")
            _ = LeakScanner.scan(text, notAfterYear: 2026)
        }
    }

    /// Mutates the seeds for the time budget; fails on a slow input or runaway memory. The
    /// loop runs on a thread of its own: holding a concurrency-pool thread for the whole
    /// budget would starve the in-process servers of the tests running beside it.
    private func fuzz(
        _ name: String, seeds: [[UInt8]], seconds: Double = FuzzTests.seconds, _ body: @escaping @Sendable ([UInt8]) throws -> Void
    ) async throws {
        let outcome = await OffPool.run { Result { try Self.loop(name, seeds: seeds, seconds: seconds, body) } }
        let (runs, failure) = try outcome.get()
        if let failure { Issue.record(Comment(rawValue: failure)) }
        print("fuzz \(name): \(runs) inputs in \(seconds) s, peak RSS \(FaultMatrixTests.peakRSSMegabytes()) MB")
        #expect(runs > 0)
    }

    private static func loop(_ name: String, seeds: [[UInt8]], seconds: Double, _ body: ([UInt8]) throws -> Void) throws
        -> (runs: Int, failure: String?)
    {
        var rng = SplitMix64(seed: 0x6776_7761_7463_68 ^ UInt64(name.utf8.reduce(0) { $0 &* 31 &+ Int($1) } & 0xFFFF))
        let deadline = Date().addingTimeInterval(seconds)
        var runs = 0
        while Date() < deadline {
            let input = mutate(seeds[Int(rng.next() % UInt64(seeds.count))], seeds: seeds, rng: &rng)
            let started = Date()
            try body(input)
            let elapsed = Date().timeIntervalSince(started)
            runs += 1
            if elapsed > 2 || FaultMatrixTests.peakRSSMegabytes() > 2048 {
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("govwatch-fuzz-\(name)-\(runs)").path
                _ = FileManager.default.createFile(atPath: path, contents: Data(input))
                return (runs, "\(name): input \(runs) took \(elapsed) s (peak RSS \(FaultMatrixTests.peakRSSMegabytes()) MB); saved to \(path)")
            }
        }
        return (runs, nil)
    }

    private static func mutate(_ seed: [UInt8], seeds: [[UInt8]], rng: inout SplitMix64) -> [UInt8] {
        var b = seed
        for _ in 0..<(1 + Int(rng.next() % 8)) {
            let at = b.isEmpty ? 0 : Int(rng.next() % UInt64(b.count))
            switch rng.next() % 7 {
            case 0 where !b.isEmpty: b[at] = UInt8(truncatingIfNeeded: rng.next())
            case 1: b.insert(contentsOf: Self.tokens[Int(rng.next() % UInt64(Self.tokens.count))], at: at)
            case 2 where !b.isEmpty: b.removeSubrange(at..<min(b.count, at + Int(rng.next() % 64)))
            case 3 where !b.isEmpty:
                let end = min(b.count, at + Int(rng.next() % 256))
                b.insert(contentsOf: Array(b[at..<end]), at: at)
            case 4:
                let other = seeds[Int(rng.next() % UInt64(seeds.count))]
                b = Array(b.prefix(at)) + Array(other.suffix(max(0, other.count - Int(rng.next() % UInt64(max(1, other.count))))))
            case 5: b.insert(contentsOf: (0..<Int(rng.next() % 16)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: at)
            default: if !b.isEmpty { b.removeLast(min(b.count, Int(rng.next() % 32))) }
            }
        }
        return b
    }
}

/// A small, fast, seeded generator so that a failing run can be repeated.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
