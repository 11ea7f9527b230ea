import Foundation
import GovWatchCore
import GovWatchParse

/// Reads the text of an attachment, whatever its format, within bounds: ZIP members and
/// shared strings are inflated under caps; PDFs, legacy Word/Excel/WPS files and RTF go to
/// Debian's extractors (poppler's `pdftotext`; `catdoc`, which reads UTF-16 and code-page text;
/// python3-xlrd for legacy workbooks) inside `SandboxedTool`. Nothing here throws: what cannot be read becomes the
/// result's note (`无法提取文本：超时`, `扫描件，未能检查`).
public struct AttachmentExtractor: Sendable {
    public var limits: SandboxLimits
    /// Caps for ZIP-based formats: one member, and all members together, uncompressed.
    public var memberLimit: Int
    public var archiveLimit: Int
    /// The most members of a `.zip` read.
    public var maxArchiveMembers: Int
    /// Where the extractors live.
    public var toolDirectory: String

    public init(
        limits: SandboxLimits = SandboxLimits(), memberLimit: Int = 16 << 20, archiveLimit: Int = 64 << 20,
        maxArchiveMembers: Int = 100, toolDirectory: String = "/usr/bin"
    ) {
        self.limits = limits
        self.memberLimit = memberLimit
        self.archiveLimit = archiveLimit
        self.maxArchiveMembers = maxArchiveMembers
        self.toolDirectory = toolDirectory
    }

    /// The text of `data`, an attachment named `name` (a URL's last segment or a file name).
    public func extract(_ data: Data, name: String) -> AttachmentText {
        let format = AttachmentFormat.of(data, name: name)
        if format == .zip { return archive(data) }
        let (parts, note) = read(data, format: format, name: name)
        return AttachmentText(format: format.rawValue, parts: parts, note: note)
    }

    private func read(_ data: Data, format: AttachmentFormat, name: String) -> ([TextPart], String?) {
        do {
            switch format {
            case .pdf: return pdf(data)
            case .docx: return (try OfficeText.docx(members(data)), nil)
            case .xlsx: return (try OfficeText.xlsx(members(data)), nil)
            case .odt, .ods: return (try OfficeText.odf(members(data)), nil)
            case .doc: return tool("catdoc", ["-d", "utf-8", "-w", "{input}"], data, "input.doc", location: "正文")
            case .rtf: return tool("catdoc", ["-d", "utf-8", "-w", "{input}"], data, "input.rtf", location: "正文")
            case .xls: return workbook(data)
            case .text:
                let text = String(validating: data, as: UTF8.self) ?? String(decoding: data, as: UTF8.self)
                let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
                return ([TextPart(location: "", lines: lines)], nil)
            case .zip: return ([], "压缩包内的压缩包未检查")
            case .unknown: return ([], "无法提取文本：不支持的文件格式")
            }
        } catch let error as ArchiveError {
            return ([], error.overLimit ? "无法提取文本：解压后超过大小限制" : "无法提取文本：文件无法解析")
        } catch {
            return ([], "无法提取文本：文件无法解析")
        }
    }

    private func members(_ data: Data) throws -> ZipMembers {
        try ZipMembers(data, memberLimit: memberLimit, totalLimit: archiveLimit)
    }

    /// A `.zip`: its documents one level deep, each part named after its member.
    private func archive(_ data: Data) -> AttachmentText {
        let zip: ZipMembers
        do {
            zip = try members(data)
        } catch {
            return AttachmentText(format: "zip", parts: [], note: "无法提取文本：压缩包无法解析")
        }
        var parts: [TextPart] = []
        var notes: [String] = []
        let paths = zip.paths.filter { !$0.hasPrefix("__MACOSX/") && !$0.hasSuffix("/") }
        if paths.count > maxArchiveMembers { notes.append("压缩包文件过多，仅检查前\(maxArchiveMembers)个") }
        for path in paths.prefix(maxArchiveMembers) {
            let member: Data
            do {
                guard let d = try zip.read(path) else { continue }
                member = d
            } catch {
                notes.append("「\(path)」解压后超过大小限制，未检查")
                continue
            }
            let format = AttachmentFormat.of(member, name: path)
            let (found, note) = format == .zip ? ([], "压缩包内的压缩包未检查") : read(member, format: format, name: path)
            parts += found.map { TextPart(location: "「\(path)」" + $0.location, lines: $0.lines, isTable: $0.isTable) }
            if let note { notes.append("「\(path)」\(note)") }
        }
        return AttachmentText(format: "zip", parts: parts, note: notes.isEmpty ? nil : notes.joined(separator: "；"))
    }

    /// A PDF through `pdftotext -layout` (CID fonts mapped to Unicode by poppler), page by page.
    /// Pages without a text layer are scanned images: not checked, and said so.
    private func pdf(_ data: Data) -> ([TextPart], String?) {
        let run = SandboxedTool.run(
            toolDirectory + "/pdftotext", ["-layout", "-enc", "UTF-8", "-eol", "unix", "{input}", "-"], input: data,
            inputName: "input.pdf", limits: limits)
        let text: String
        switch decode(run) {
        case .failure(let note): return ([], note.text)
        case .success(let t): text = t
        }
        var pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map(String.init)
        if pages.last?.trimmingWhitespace().isEmpty == true, pages.count > 1 { pages.removeLast() }  // after the last page
        let blank = pages.indices.filter { pages[$0].trimmingWhitespace().isEmpty }
        let parts = pages.enumerated().compactMap { k, page -> TextPart? in
            let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return page.trimmingWhitespace().isEmpty ? nil : TextPart(location: "第\(k + 1)页", lines: lines)
        }
        if parts.isEmpty { return ([], "扫描件，未能检查") }
        let note = blank.count * 2 > pages.count ? "\(blank.count)页为扫描件，未能检查" : nil
        return (parts, note)
    }

    /// A legacy workbook (BIFF5/BIFF8 `.xls`, WPS `.et`) through Debian's python3-xlrd, which
    /// reads each sheet by cell and decodes BIFF5 strings by the file's code page (CP936 for
    /// Chinese Excel 95). catdoc's `xls2csv` was tried first and lost the cells of LibreOffice's
    /// shared-string tables. One table part per sheet, named as in the workbook.
    private func workbook(_ data: Data) -> ([TextPart], String?) {
        let run = SandboxedTool.run(
            "/usr/bin/python3", ["-I", "{dir}/xls_cells.py", "{input}"], input: data, inputName: "input.xls",
            files: ["xls_cells.py": Data(LegacyWorkbook.script.utf8)], limits: limits)
        switch decode(run) {
        case .failure(let note): return ([], note.text)
        case .success(let text): return (LegacyWorkbook.parts(text), nil)
        }
    }

    private func tool(_ name: String, _ arguments: [String], _ data: Data, _ inputName: String, location: String) -> (
        [TextPart], String?
    ) {
        let run = SandboxedTool.run(toolDirectory + "/" + name, arguments, input: data, inputName: inputName, limits: limits)
        switch decode(run) {
        case .failure(let note): return ([], note.text)
        case .success(let text):
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return ([TextPart(location: location, lines: lines)], nil)
        }
    }

    /// The tool's output as text, or the note saying why there is none: a failed run, or
    /// output that is not text (more than a tenth control or replacement characters).
    private func decode(_ run: Result<ToolOutput, ToolFailure>) -> Result<String, Note> {
        switch run {
        case .failure(let failure): return .failure(Note(failure.chinese))
        case .success(let output):
            let text = String(decoding: output.stdout, as: UTF8.self)
            var bad = 0
            var total = 0
            for s in text.unicodeScalars {
                total += 1
                if s == "\u{FFFD}" || (s.value < 0x20 && s != "\n" && s != "\t" && s != "\r" && s != "\u{0C}") { bad += 1 }
            }
            if total > 0, bad * 10 > total { return .failure(Note("无法提取文本：输出无法识别")) }
            return .success(text)
        }
    }

    struct Note: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }
}
