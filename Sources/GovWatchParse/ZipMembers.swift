import Foundation
import ZIPFoundation

/// Why a ZIP-based document (xlsx, docx, odt, a .zip) could not be read.
public struct ArchiveError: Error, Equatable, CustomStringConvertible {
    public var message: String
    /// True when a size cap refused it (a ZIP bomb, or simply too large).
    public var overLimit: Bool
    public var description: String { message }

    public init(_ message: String, overLimit: Bool = false) {
        self.message = message
        self.overLimit = overLimit
    }
}

/// The members of a ZIP archive, inflated with a cap per member and a cap on all of them
/// together: a member whose header or stream runs past a cap is refused, never inflated.
/// One reader belongs to one document read; it is not shared between threads.
public final class ZipMembers {
    private let archive: Archive
    public let memberLimit: Int
    /// Bytes left to inflate across every member read.
    public private(set) var budget: Int

    public init(_ data: Data, memberLimit: Int = 16 << 20, totalLimit: Int = 64 << 20) throws {
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw ArchiveError("not a ZIP archive")
        }
        self.memberLimit = memberLimit
        budget = totalLimit
    }

    /// The paths of the archive's files (no directories), in archive order.
    public var paths: [String] { archive.filter { $0.type == .file }.map(\.path) }

    /// True when the archive holds `path`.
    public func contains(_ path: String) -> Bool { archive[path] != nil }

    /// The member's bytes, or nil when there is none.
    public func read(_ path: String) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        let cap = min(memberLimit, budget)
        guard entry.uncompressedSize <= UInt64(cap) else {
            throw ArchiveError("\(path) is \(entry.uncompressedSize >> 20) MB uncompressed, over the \(cap >> 20) MB cap", overLimit: true)
        }
        var out = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                out.append(chunk)
                if out.count > cap { throw ArchiveError("\(path) inflates past \(cap >> 20) MB", overLimit: true) }
            }
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw ArchiveError("\(path) cannot be read: \(error)")
        }
        budget -= out.count
        return out
    }
}
