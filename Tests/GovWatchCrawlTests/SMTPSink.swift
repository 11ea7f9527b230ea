import Foundation
import Synchronization

/// A minimal SMTP server on 127.0.0.1 (RFC 5321 without TLS): EHLO, optional AUTH PLAIN,
/// MAIL, RCPT, DATA, QUIT. Keeps every accepted message with its envelope, so a test can
/// read exactly what a client sent.
final class SMTPSink: Sendable {
    struct Mail: Sendable {
        var from: String
        var to: [String]
        var data: String
        var auth: String?
    }

    let port: UInt16
    private let listener: Int32
    private let inbox = Inbox()

    private final class Inbox: Sendable {
        let mails = Mutex<[Mail]>([])
    }

    init() throws {
        let (fd, port) = try LoopbackListener.open()
        listener = fd
        self.port = port
        LoopbackListener.acceptLoop(fd) { [inbox] client in SMTPSink.serve(client, into: inbox) }
    }

    var mails: [Mail] { inbox.mails.withLock { $0 } }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private static func serve(_ fd: Int32, into inbox: Inbox) {
        defer { close(fd) }
        var pending = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 8192)
        func reply(_ line: String) { _ = Array((line + "\r\n").utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }
        /// The next CRLF-terminated line, or nil when the client is gone.
        func line() -> String? {
            while true {
                if let i = pending.firstIndex(of: 0x0A) {
                    let l = String(decoding: pending[..<i], as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
                    pending.removeSubrange(...i)
                    return l
                }
                let n = recv(fd, &buffer, buffer.count, 0)
                guard n > 0 else { return nil }
                pending += buffer.prefix(n)
            }
        }
        reply("220 sink.govwatch.test ESMTP")
        var mail = Mail(from: "", to: [], data: "")
        while let command = line() {
            let verb = command.prefix(4).uppercased()
            switch verb {
            case "EHLO": reply("250-sink.govwatch.test\r\n250-AUTH PLAIN\r\n250 8BITMIME")
            case "HELO": reply("250 sink.govwatch.test")
            case "AUTH":
                // With or without an initial response (libcurl sends none unless CURLOPT_SASL_IR).
                if command.count > "AUTH PLAIN ".count {
                    mail.auth = String(command.dropFirst("AUTH PLAIN ".count))
                } else {
                    reply("334 ")
                    mail.auth = line()
                }
                reply("235 2.7.0 Authentication successful")
            case "MAIL":
                mail.from = String(command.drop { $0 != "<" })
                reply("250 OK")
            case "RCPT":
                mail.to.append(String(command.drop { $0 != "<" }))
                reply("250 OK")
            case "DATA":
                reply("354 End data with <CR><LF>.<CR><LF>")
                var lines: [String] = []
                while let l = line(), l != "." { lines.append(l.hasPrefix("..") ? String(l.dropFirst()) : l) }
                mail.data = lines.joined(separator: "\r\n")
                inbox.mails.withLock { $0.append(mail) }
                mail = Mail(from: "", to: [], data: "", auth: mail.auth)
                reply("250 OK: queued")
            case "QUIT":
                reply("221 Bye")
                return
            default: reply("250 OK")
            }
        }
    }
}
