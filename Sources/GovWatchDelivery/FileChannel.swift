import Foundation
import GovWatchCore

/// Writes each message into a spool directory: `NAME.txt`, `NAME.html` when there is HTML,
/// `NAME.md`, and its attachments, each written to a temporary name and renamed, so a reader
/// of the directory never sees half a file.
public struct FileChannel: Channel {
    public let config: ChannelConfig

    public init(config: ChannelConfig) { self.config = config }

    public func send(_ message: OutboundMessage) throws(DeliveryError) {
        guard let directory = config.directory else { throw DeliveryError("channel \(config.name): no directory") }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let stem = Self.safe(message.name)
            var files: [(String, [UInt8])] = [("\(stem).txt", Array((message.subject + "\n\n" + message.text).utf8))]
            if let html = message.html { files.append(("\(stem).html", Array(html.utf8))) }
            files.append(("\(stem).md", Array(message.markdown.utf8)))
            for a in message.attachments { files.append((Self.safe(a.filename), a.data)) }
            for (name, bytes) in files {
                let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
                try Data(bytes).write(to: url, options: .atomic)
            }
        } catch {
            throw DeliveryError("channel \(config.name): cannot write into \(directory): \(error.localizedDescription)")
        }
    }

    /// A file name without path separators or leading dots.
    static func safe(_ name: String) -> String {
        let cleaned = name.map { "/\\\0".contains($0) ? "_" : String($0) }.joined()
        return cleaned.hasPrefix(".") ? "_" + cleaned.dropFirst() : cleaned
    }
}
