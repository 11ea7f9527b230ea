import Foundation
import Synchronization

/// A deliberately broken HTTP server on 127.0.0.1 for faults a well-behaved server library
/// cannot produce: connections reset mid-body, stalls before headers and mid-body, lying
/// Content-Length, endless and enormous bodies, gzip bombs. One thread per connection.
final class RawFaultServer: Sendable {
    enum Fault: Sendable {
        /// Headers promise 100,000 bytes; 1,000 arrive; then a TCP reset.
        case resetMidBody
        /// Reads the request, says nothing for `seconds`.
        case stallBeforeHeaders(seconds: Double)
        /// Sends headers and part of the body, then stalls.
        case stallMidBody(seconds: Double)
        /// Content-Length says 5,000; 100 bytes arrive; the connection closes.
        case wrongContentLength
        /// Content-Length of a gigabyte, then zeros until the client hangs up.
        case hugeBody
        /// Chunked zeros with no end, until the client hangs up.
        case endlessChunked
        /// An RSS feed of `items` items, streamed in chunks as it is written.
        case rssItems(count: Int)
        /// A gzip stream that inflates to `megabytes` of zeros.
        case gzipBomb(megabytes: Int)
        /// A complete, normal response.
        case ok(body: [UInt8], contentType: String)
    }

    let port: UInt16
    private let listener: Int32

    init(routes: [String: Fault]) throws {
        let table = RouteTable(routes)
        let (listener, port) = try LoopbackListener.open()
        self.port = port
        self.listener = listener
        LoopbackListener.acceptLoop(listener) { RawFaultServer.serve($0, routes: table) }
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private static func serve(_ fd: Int32, routes: RouteTable) {
        defer { close(fd) }
        var request = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !request.containsHeaderEnd {
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { return }
            request += buffer.prefix(n)
        }
        let line = String(decoding: request.prefix { $0 != 0x0D }, as: UTF8.self).split(separator: " ")
        let path = line.count > 1 ? String(line[1]) : "/"
        guard let fault = routes.map.withLock({ $0[path] }) else {
            send(fd, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        }
        switch fault {
        case .resetMidBody:
            send(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
            send(fd, [UInt8](repeating: 0x61, count: 1000))
            var linger = Foundation.linger(l_onoff: 1, l_linger: 0)  // close with RST
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Foundation.linger>.size))
        case .stallBeforeHeaders(let s):
            Thread.sleep(forTimeInterval: s)
        case .stallMidBody(let s):
            send(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10000\r\n\r\n<html><body>")
            Thread.sleep(forTimeInterval: s)
        case .wrongContentLength:
            send(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n")
            send(fd, [UInt8](repeating: 0x61, count: 100))
        case .hugeBody:
            send(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1073741824\r\n\r\n")
            let zeros = [UInt8](repeating: 0x20, count: 65536)
            for _ in 0..<16384 where sendAll(fd, zeros) {}
        case .endlessChunked:
            send(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n")
            let chunk = Array("10000\r\n".utf8) + [UInt8](repeating: 0x20, count: 65536) + Array("\r\n".utf8)
            for _ in 0..<16384 where sendAll(fd, chunk) {}
        case .rssItems(let count):
            send(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nTransfer-Encoding: chunked\r\n\r\n")
            func chunk(_ text: String) -> Bool {
                let bytes = Array(text.utf8)
                return sendAll(fd, Array(String(bytes.count, radix: 16).utf8) + [0x0D, 0x0A] + bytes + [0x0D, 0x0A])
            }
            guard chunk("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>") else { return }
            var batch = ""
            for i in 0..<count {
                batch += "<item><title>第\(i)条</title><link>http://h/\(i).html</link><pubDate>Tue, 04 Mar 2025 20:30:00 +0000</pubDate></item>"
                if i % 1000 == 999 {
                    guard chunk(batch) else { return }
                    batch = ""
                }
            }
            _ = chunk(batch + "</channel></rss>")
            _ = sendAll(fd, Array("0\r\n\r\n".utf8))
        case .gzipBomb(let mb):
            let body = GzipBomb.zeros(megabytes: mb)
            send(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n")
            send(fd, body)
        case .ok(let body, let type):
            send(fd, "HTTP/1.1 200 OK\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n")
            send(fd, body)
        }
    }

    @discardableResult
    private static func send(_ fd: Int32, _ text: String) -> Bool { sendAll(fd, Array(text.utf8)) }

    @discardableResult
    private static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool { sendAll(fd, bytes) }

    /// Sends everything; false once the peer is gone.
    private static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }
}

/// The server's routes, shared with its connection threads.
private final class RouteTable: Sendable {
    let map: Mutex<[String: RawFaultServer.Fault]>
    init(_ routes: [String: RawFaultServer.Fault]) { map = Mutex(routes) }
}

extension Array where Element == UInt8 {
    fileprivate var containsHeaderEnd: Bool {
        guard count >= 4 else { return false }
        for i in 0...(count - 4) where self[i] == 0x0D && self[i + 1] == 0x0A && self[i + 2] == 0x0D && self[i + 3] == 0x0A {
            return true
        }
        return false
    }
}

/// A gzip member of N megabytes of zeros, built by hand: fixed-Huffman DEFLATE with one
/// literal and then back-references of length 258 at distance 1 (13 bits per 258 bytes).
/// The trailer's CRC is left zero: the crawler stops at its body cap long before the end.
enum GzipBomb {
    static func zeros(megabytes: Int) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0xFF]
        var bits: UInt64 = 0
        var nbits = 0
        func put(_ value: UInt64, _ count: Int) {
            bits |= value << UInt64(nbits)
            nbits += count
            while nbits >= 8 {
                out.append(UInt8(bits & 0xFF))
                bits >>= 8
                nbits -= 8
            }
        }
        /// Fixed-Huffman codes are written most significant bit first.
        func code(_ c: UInt64, _ n: Int) {
            var r: UInt64 = 0
            for i in 0..<n where c & (1 << UInt64(i)) != 0 { r |= 1 << UInt64(n - 1 - i) }
            put(r, n)
        }
        put(1, 1)  // BFINAL
        put(1, 2)  // BTYPE = 01, fixed Huffman
        code(0x30, 8)  // literal 0x00
        let total = megabytes << 20
        for _ in 0..<((total - 1) / 258) {
            code(0b1100_0101, 8)  // length code 285 = 258 bytes
            code(0, 5)  // distance code 0 = 1
        }
        code(0, 7)  // end of block (256)
        if nbits > 0 { put(0, 8 - nbits) }
        out += [0, 0, 0, 0]  // CRC32 (unchecked)
        let size = UInt32(truncatingIfNeeded: total)
        out += [UInt8(size & 0xFF), UInt8((size >> 8) & 0xFF), UInt8((size >> 16) & 0xFF), UInt8(size >> 24)]
        return out
    }
}
