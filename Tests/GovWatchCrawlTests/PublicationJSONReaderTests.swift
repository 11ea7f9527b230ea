import Foundation
import GRDB
import GovWatchCore
import Testing

@testable import GovWatchStore

/// The store's JSON reader reads what `JSONDecoder` reads, the same way: on the writer's
/// bytes, on every stored version of the released databases, on JSON the writer never makes,
/// and it refuses what `JSONDecoder` refuses.
@Suite struct PublicationJSONReaderTests {
    static func foundation(_ json: [UInt8]) throws -> Publication {
        try JSONDecoder().decode(Publication.self, from: Data(json))
    }

    static func read(_ json: [UInt8]) throws -> Publication {
        try json.withUnsafeBytes { try PublicationJSON.read($0) }
    }

    static func read(_ json: String) throws -> Publication { try read(Array(json.utf8)) }

    @Test func readsWhatTheWriterWrote() throws {
        for p in [PublicationJSONTests.hostile(), Publication(url: "http://127.0.0.1:8780/")] {
            let json = PublicationJSON.encode(p)
            #expect(try Self.read(json) == p)
            #expect(try Self.read(json) == Self.foundation(json))
        }
    }

    /// Every version row of every fixture database (v5 and v9 hold JSON text, v10 compressed
    /// pages), read without the fallback, equals what `JSONDecoder` reads.
    @Test(arguments: ["v5-demo.sqlite", "v9-demo.sqlite", "v10-demo.sqlite"])
    func readsEveryStoredVersionOfTheReleases(name: String) throws {
        let fixture = MigrationTests.folder.appendingPathComponent(name)
        let queue = try DatabaseQueue(
            path: fixture.path,
            configuration: {
                var c = Configuration()
                c.readonly = true
                return c
            }())
        let rows = try queue.read { db in try Row.fetchAll(db, sql: "SELECT data FROM publication_version") }
        #expect(rows.count >= 37)
        for row in rows {
            let value: DatabaseValue = row["data"]
            let json: [UInt8]
            switch value.storage {
            case .string(let text): json = Array(text.utf8)
            case .blob(let compressed): json = Array(try Zstd.decompress(compressed))
            default:
                Issue.record("a version without data")
                continue
            }
            #expect(try Self.read(json) == Self.foundation(json))
        }
    }

    /// JSON the writer never makes but `JSONDecoder` reads: white space, `\u` escapes (a
    /// surrogate pair too), nulls for absent values, keys it does not know, another order.
    @Test func readsJSONTheWriterNeverMakes() throws {
        let json = """
             { "url" : "http:\\/\\/127.0.0.1\\/a.html", "title":"\\u516c\\u544a \\ud83d\\ude00 \\u00e9\\t",
              "kind":"feed-item", "meta":{ "PubDate" : "2026-01-15" }, "info":{"publisher":null,"topic":"综合","extra":[1,{"x":null}]},
              "isRepost":false, "bodyText":"", "links":[ {"url":"http://127.0.0.1/b.html","text":"乙","rel":"x"} ], "attachments":[],
              "author":null, "published":"2026-01-15", "publishedMinute":-5, "parts":null, "leaks":[], "future":{"a":[true,false,null,-1.5e3]}
            }\n
            """
        let p = try Self.read(json)
        #expect(p == (try Self.foundation(Array(json.utf8))))
        #expect(p.title == "公告 😀 é\t")
        #expect(p.url == "http://127.0.0.1/a.html")
        #expect(p.kind == .feedItem && p.info.topic == "综合" && p.info.publisher == nil && p.publishedMinute == -5)
        #expect(p.leaks == [] && p.parts == nil)
    }

    /// What `JSONDecoder` refuses, the reader refuses, and `decode` (reader, then decoder)
    /// ends in an error too.
    @Test func refusesWhatTheDecoderRefuses() throws {
        let good = String(decoding: PublicationJSON.encode(Publication(url: "http://127.0.0.1/a.html")), as: UTF8.self)
        let bad = [
            String(good.dropLast()),  // cut short
            good + "x",  // trailing text
            good.replacingOccurrences(of: "\"url\":\"http:\\/\\/127.0.0.1\\/a.html\",", with: "").replacingOccurrences(
                of: ",\"url\":\"http:\\/\\/127.0.0.1\\/a.html\"", with: ""),  // no url
            good.replacingOccurrences(of: "\"kind\":\"page\"", with: "\"kind\":\"poster\""),  // unknown kind
            good.replacingOccurrences(of: "\"isRepost\":false", with: "\"isRepost\":0"),  // not a bool
            good.replacingOccurrences(of: "\"kind\":\"page\"", with: "\"kind\":\"p\\qage\""),  // unknown escape
            good.replacingOccurrences(of: "\"kind\":\"page\"", with: "\"kind\":\"pa\\ud83dge\""),  // half a surrogate pair
            good.replacingOccurrences(of: "\"kind\":\"page\"", with: "\"kind\":\"pa\nge\""),  // a raw control byte
            good.replacingOccurrences(of: "\"isRepost\":false", with: "\"isRepost\":false,\"publishedMinute\":0570"),  // leading zero
            good.replacingOccurrences(of: "\"isRepost\":false", with: "\"isRepost\":false,\"publishedMinute\":5.5"),  // not an integer
            good.replacingOccurrences(of: "\"isRepost\":false", with: "\"isRepost\":false,\"published\":\"2026-02-30\""),  // no such day
            good.replacingOccurrences(of: "\"links\":[]", with: "\"links\":[{\"url\":\"x\"}]"),  // a link without text
            good.replacingOccurrences(of: "\"bodyText\":\"\"", with: "\"bodyText\":\"\(String(repeating: "正文", count: 20))\t尾\""),  // a raw tab, far in
            "[]", "",
        ]
        for json in bad {
            #expect(throws: (any Error).self, "\(json)") { try Self.read(json) }
            #expect(throws: (any Error).self, "\(json)") { try Self.foundation(Array(json.utf8)) }
            #expect(throws: (any Error).self, "\(json)") { try PublicationJSON.decode(Data(json.utf8)) }
        }
    }

    /// Damaged copies of a real page: whenever the reader reads one, `JSONDecoder` reads the
    /// same publication (where the reader refuses, `decode` hands the bytes to the decoder).
    @Test func damagedPagesReadAsTheDecoderReadsThem() throws {
        let json = PublicationJSON.encode(PublicationJSONTests.hostile())
        var rng = SplitMix64(seed: 20_261_204)
        let damage = Array("{}[]\",:\\0-9aeflnrstu ".utf8)
        var readByBoth = 0
        for _ in 0..<3_000 {
            var damaged = json
            for _ in 0..<Int(rng.next() % 3 + 1) {
                let at = Int(rng.next() % UInt64(damaged.count))
                switch rng.next() % 3 {
                case 0: damaged[at] = damage[Int(rng.next() % UInt64(damage.count))]
                case 1: damaged.remove(at: at)
                default: damaged.insert(damaged[Int(rng.next() % UInt64(damaged.count))], at: at)
                }
            }
            guard let read = try? Self.read(damaged) else { continue }
            #expect(read == (try Self.foundation(damaged)), "\(String(decoding: damaged, as: UTF8.self))")
            readByBoth += 1
        }
        #expect(readByBoth > 100, "the damage leaves some pages readable")
    }
}
