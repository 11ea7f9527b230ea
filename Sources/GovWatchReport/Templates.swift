import Foundation
import Mustache

/// A template that does not parse, with its file.
public struct TemplateError: Error, CustomStringConvertible {
    public var file: String
    public var message: String

    public var description: String { "\(file): \(message)" }
}

/// The Mustache templates of digests and notices: the shipped ones, each replaceable by a
/// file `NAME.mustache` (`digest.html`, `digest.txt`, `digest.md`, `notice.html`) in an
/// operator's directory.
public struct Templates: Sendable {
    private let library: MustacheLibrary

    /// The shipped templates.
    public static let standard = try! Templates(directory: nil)

    /// - Parameter directory: where replacements are looked for; a file there that does not
    ///   parse is an error naming it.
    public init(directory: String?) throws {
        var library = MustacheLibrary()
        for (name, text) in DefaultTemplates.all.sorted(by: { $0.key < $1.key }) {
            let path = directory.map { URL(fileURLWithPath: $0).appendingPathComponent(name + ".mustache").path }
            if let path, let data = FileManager.default.contents(atPath: path) {
                do {
                    library.register(try MustacheTemplate(string: String(decoding: data, as: UTF8.self)), named: name)
                } catch {
                    throw TemplateError(file: path, message: "not a valid Mustache template: \(error)")
                }
            } else {
                library.register(try MustacheTemplate(string: text), named: name)
            }
        }
        self.library = library
    }

    /// Writes the shipped templates into `directory` as `NAME.mustache`, for an operator to
    /// edit; returns the paths. An existing file is left as it is.
    public static func exportDefaults(to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        for (name, text) in DefaultTemplates.all.sorted(by: { $0.key < $1.key }) {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name + ".mustache").path
            guard !FileManager.default.fileExists(atPath: path) else { continue }
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            written.append(path)
        }
        return written
    }

    /// Renders `object` (a value whose stored properties the template names).
    public func render(_ object: Any, _ name: String) -> String {
        library.render(object, withTemplate: name) ?? ""
    }
}
