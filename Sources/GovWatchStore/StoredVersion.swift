import CZstd
import Foundation
import GRDB
import GovWatchCore
import Synchronization

/// How a publication version is kept in `publication_version` (since v10):
///
/// - `data`: the publication's JSON with its `links` and `attachments` left empty,
///   compressed as one Zstandard frame (a BLOB);
/// - `links`: its links and attachments as a Zstandard-compressed list (a BLOB), which a
///   304 replays without reading the page.
///
/// Versions stored before v10 keep their JSON as TEXT with the links inside and `links`
/// NULL; every reader here takes both. A page is about a third of its JSON this way: the
/// body text compresses about threefold, and the links, mostly the site's navigation,
/// more. The content hash is taken over the same two (`PageHash`).
enum StoredVersion {
    /// The page's JSON at level 1: higher levels gain a few per cent for twice the time.
    static let level: Int32 = 1
    /// The link list at level -1, whose literals go uncompressed: its matches (the site's
    /// navigation, repeated URL prefixes) are most of the gain; Huffman coding the rest took 40 %
    /// of its time for 8 % of its size (10,000-page portal: 8.5 -> 9.2 MB, 0.115 -> 0.066 s).
    static let linksLevel: Int32 = -1

    /// The `data` and `links` columns of a new version, and its content hash (`PageHash`).
    static func columns(_ p: Publication) -> (data: Data, links: Data, hash: String) {
        let json = PublicationJSON.encode(p, links: false)
        let list = LinkList.encode(links: p.links, attachments: p.attachments)
        return (Zstd.compress(json, level: level), Zstd.compress(list, level: linksLevel), PageHash.of(json: json, links: list))
    }

    /// The publication a version row holds.
    static func publication(data: DatabaseValue, links: DatabaseValue) throws -> Publication {
        switch data.storage {
        case .string(let json):
            return try PublicationJSON.decode(Data(json.utf8))
        case .blob(let compressed):
            var p = try PublicationJSON.decode(try Zstd.decompress(compressed))
            (p.links, p.attachments) = try self.links(links)
            return p
        default:
            throw StoredVersionError("a publication version holds neither JSON nor a compressed page")
        }
    }

    /// The links and attachments of a version stored since v10 (nil before: read the page).
    static func links(_ column: DatabaseValue) throws -> (links: [Link], attachments: [Link]) {
        guard case .blob(let compressed) = column.storage else {
            throw StoredVersionError("a publication version of v10 or later has no links column")
        }
        return try LinkList.decode(Zstd.decompress(compressed))
    }
}

/// A stored version that cannot be read back.
struct StoredVersionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Links as bytes: per link a kind byte (0 link, 1 attachment), then its URL and its text,
/// each as a LEB128 length and UTF-8.
enum LinkList {
    static func encode(links: [Link], attachments: [Link]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 * (links.count + attachments.count))
        for (kind, list) in [(UInt8(0), links), (1, attachments)] {
            for link in list {
                out.append(kind)
                append(link.url, to: &out)
                append(link.text, to: &out)
            }
        }
        return out
    }

    static func decode(_ bytes: Data) throws -> (links: [Link], attachments: [Link]) {
        var links: [Link] = []
        var attachments: [Link] = []
        try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var i = 0
            func string() throws -> String {
                var length = 0
                var shift = 0
                while true {
                    guard i < raw.count, shift < 63 else { throw StoredVersionError("a stored link list is cut short") }
                    let b = raw[i]
                    i += 1
                    length |= Int(b & 0x7F) << shift
                    shift += 7
                    if b < 0x80 { break }
                }
                guard length <= raw.count - i else { throw StoredVersionError("a stored link list is cut short") }
                defer { i += length }
                return String(decoding: UnsafeRawBufferPointer(rebasing: raw[i..<(i + length)]), as: UTF8.self)
            }
            while i < raw.count {
                let kind = raw[i]
                i += 1
                let link = Link(url: try string(), text: try string())
                if kind == 0 { links.append(link) } else { attachments.append(link) }
            }
        }
        return (links, attachments)
    }

    private static func append(_ s: String, to out: inout [UInt8]) {
        var n = s.utf8.count
        repeat {
            out.append(UInt8(n & 0x7F) | (n >= 0x80 ? 0x80 : 0))
            n >>= 7
        } while n > 0
        out.append(contentsOf: s.utf8)
    }
}

/// Zstandard frames through libzstd, each call on a context of its own kind taken from a
/// pool: libzstd's one-shot calls allocate and clear a context (hundreds of KB) every time,
/// which costs more than compressing a page. The pools hold at most one context per thread
/// that used them at once (parse threads, the crawl thread, readers) and live as long as
/// the process.
enum Zstd {
    static func compress(_ bytes: [UInt8], level: Int32) -> Data {
        let bound = ZSTD_compressBound(bytes.count)
        var out = Data(count: bound)
        let written = compressors.with { context in
            out.withUnsafeMutableBytes { dst in
                bytes.withUnsafeBytes { src in
                    ZSTD_compressCCtx(context, dst.baseAddress, bound, src.baseAddress, src.count, level)
                }
            }
        }
        // Cannot fail with a bound-sized buffer and a valid level.
        precondition(ZSTD_isError(written) == 0, "ZSTD_compress: \(String(cString: ZSTD_getErrorName(written)))")
        out.count = written
        return out
    }

    static func decompress(_ frame: Data) throws -> Data {
        try frame.withUnsafeBytes { src in
            let size = ZSTD_getFrameContentSize(src.baseAddress, src.count)
            // A frame made by `compress` records its size; 64 MB is far past any page.
            guard size != ZSTD_CONTENTSIZE_ERROR, size != ZSTD_CONTENTSIZE_UNKNOWN, size <= 64 << 20 else {
                throw StoredVersionError("a stored page is not a Zstandard frame of known size")
            }
            var out = Data(count: Int(size))
            let read = decompressors.with { context in
                out.withUnsafeMutableBytes { dst in
                    ZSTD_decompressDCtx(context, dst.baseAddress, dst.count, src.baseAddress, src.count)
                }
            }
            guard ZSTD_isError(read) == 0, read == Int(size) else {
                throw StoredVersionError("a stored page does not decompress: \(String(cString: ZSTD_getErrorName(read)))")
            }
            return out
        }
    }

    private static let compressors = ContextPool { ZSTD_createCCtx()! }
    private static let decompressors = ContextPool { ZSTD_createDCtx()! }
}

/// Idle libzstd contexts of one kind, kept as addresses so that the pool is `Sendable`; a
/// context is used by one thread at a time.
private final class ContextPool: Sendable {
    private let idle = Mutex<[Int]>([])
    private let make: @Sendable () -> OpaquePointer

    init(_ make: @escaping @Sendable () -> OpaquePointer) { self.make = make }

    func with<T>(_ body: (OpaquePointer) -> T) -> T {
        let context = idle.withLock { $0.popLast() }.flatMap { OpaquePointer(bitPattern: $0) } ?? make()
        defer { idle.withLock { $0.append(Int(bitPattern: UnsafeRawPointer(context))) } }
        return body(context)
    }
}
