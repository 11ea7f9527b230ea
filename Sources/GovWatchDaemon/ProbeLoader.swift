import Foundation
import GovWatchCore
import GovWatchParse
import Yams

/// Reads and validates probe files (`Probes/*.yaml`); the format is documented in
/// `Probes/README.md`. Every error names the file, the line and the key.
public enum ProbeLoader {
    /// Every `*.yaml` / `*.yml` file of `directory`, in name order; ids must be unique.
    public static func loadDirectory(_ directory: String) throws -> [Probe] {
        let url = URL(fileURLWithPath: directory)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw ConfigError(file: directory, line: 0, key: "", message: "cannot read the probe directory")
        }
        let files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        guard !files.isEmpty else {
            throw ConfigError(file: directory, line: 0, key: "", message: "no probe files (*.yaml) in the directory")
        }
        var probes: [Probe] = []
        for name in files {
            let path = url.appendingPathComponent(name).path
            let probe = try loadFile(path)
            if let other = probes.first(where: { $0.id == probe.id }) {
                throw ConfigError(
                    file: path, line: 1, key: "probe.id",
                    message: "duplicate probe id '\(probe.id)', also in \(other.sourceFile)")
            }
            probes.append(probe)
        }
        return probes
    }

    public static func loadFile(_ path: String) throws -> Probe {
        try parse(EditedFile.text(path), file: path)
    }

    /// Parses the text of a probe file; `file` is used for messages and relative paths.
    public static func parse(_ text: String, file: String) throws -> Probe {
        try ProbeFileParser(reader: YAMLReader(file: file, text: text.replacingOccurrences(of: "\r\n", with: "\n")))
            .probe()
    }
}

/// The walk over one probe file's YAML tree.
private struct ProbeFileParser {
    let reader: YAMLReader

    func probe() throws -> Probe {
        let root = try reader.root()
        let top = try reader.mapping(
            root, "", allowed: ["probe", "crawl", "availability", "links", "registers", "units", "columns", "feeds", "parse", "rules"])
        guard let head = top["probe"] else { throw reader.error(root, "probe", "missing section") }
        let p = try reader.mapping(
            head.value, "probe", allowed: ["id", "name", "base", "hosts", "homepage", "schedule"])
        let id = try required(p, "id", in: head.value, prefix: "probe") { try identifier($0, $1) }
        let name = try required(p, "name", in: head.value, prefix: "probe") { try reader.string($0, $1) }
        let base = try required(p, "base", in: head.value, prefix: "probe") { try baseURL($0, $1) }
        let baseHost = URLParts(base)!.hostAndPort
        let hosts = try p["hosts"].map { try reader.strings($0.value, "probe.hosts") } ?? [baseHost]
        let homepage = try p["homepage"].map { try resolve($0.value, "probe.homepage", base: base) } ?? base
        let schedule = try p["schedule"].map { pair in
            let text = try reader.string(pair.value, "probe.schedule")
            do {
                _ = try CronSchedule(text)
            } catch {
                throw reader.error(pair.value, "probe.schedule", "\(error)")
            }
            return text
        }

        let units = try top["units"].map { try self.units($0.value, base: base) } ?? []
        guard !units.isEmpty else {
            throw reader.error(top["units"]?.key ?? root, "units", "at least one unit must be declared")
        }
        let unitIDs = Set(units.map(\.id))
        let columns = try top["columns"].map { try self.columns($0.value, base: base, units: unitIDs) } ?? []
        let feeds = try top["feeds"].map { try self.feeds($0.value, base: base, units: unitIDs) } ?? []
        let crawl = try top["crawl"].map { try self.crawl($0.value) } ?? CrawlSettings()
        let parse = try top["parse"].map { try self.parse($0.value, base: base) } ?? ParseOverrides()
        let registers = try top["registers"].map { try reader.mapping($0.value, "registers", allowed: ["approvals", "requests"]) }
        let approvals = try registers?["approvals"].map { try path($0.value, "registers.approvals") }
        let requests = try registers?["requests"].map { try path($0.value, "registers.requests") }
        let rules = try top["rules"].map { try RuleSettingsParser(reader: reader, base: base).parse($0.value) }
            ?? RuleSettings()
        var probe = Probe(
            id: id, name: name, base: base, hosts: hosts, homepage: homepage, schedule: schedule, crawl: crawl,
            units: units, columns: columns, feeds: feeds, parse: parse, approvalRegister: approvals, requestRegister: requests,
            rules: rules,
            sourceFile: reader.file)
        if let node = top["availability"] { probe.availability = try availability(node.value) }
        if let node = top["links"] {
            let m = try reader.mapping(node.value, "links", allowed: ["check", "external"])
            if let v = m["check"] { probe.links.check = try reader.bool(v.value, "links.check") }
            if let v = m["external"] { probe.links.external = try reader.bool(v.value, "links.external") }
        }
        return probe
    }

    /// `availability:`: the homepage sampling of the daemon.
    private func availability(_ node: Node) throws -> AvailabilitySettings {
        let m = try reader.mapping(node, "availability", allowed: ["enabled", "every_seconds", "timeout_seconds"])
        var a = AvailabilitySettings()
        if let v = m["enabled"] { a.enabled = try reader.bool(v.value, "availability.enabled") }
        if let v = m["every_seconds"] { a.everySeconds = try reader.double(v.value, "availability.every_seconds") }
        if let v = m["timeout_seconds"] { a.timeoutSeconds = try reader.double(v.value, "availability.timeout_seconds") }
        return a
    }

    // MARK: Sections

    private func units(_ node: Node, base: String) throws -> [UnitDefinition] {
        var seen: [String: Int] = [:]
        return try reader.list(node, "units").enumerated().map { i, item in
            let key = "units[\(i)]"
            let m = try reader.mapping(
                item, key,
                allowed: ["id", "name", "full_name", "aliases", "type", "guide", "catalogue", "annual_reports", "email"])
            let id = try required(m, "id", in: item, prefix: key) { try identifier($0, $1) }
            if let line = seen[id] {
                throw reader.error(m["id"]!.value, "\(key).id", "duplicate unit id '\(id)', first declared on line \(line)")
            }
            seen[id] = m["id"]!.value.mark?.line ?? 0
            return UnitDefinition(
                id: id, name: try required(m, "name", in: item, prefix: key) { try reader.string($0, $1) },
                fullName: try required(m, "full_name", in: item, prefix: key) { try reader.string($0, $1) },
                aliases: try m["aliases"].map { try reader.strings($0.value, "\(key).aliases") } ?? [],
                type: try required(m, "type", in: item, prefix: key) { try reader.choice($0, $1, UnitType.self) },
                guide: try m["guide"].map { try resolve($0.value, "\(key).guide", base: base) },
                catalogue: try m["catalogue"].map { try listingURL($0.value, "\(key).catalogue", base: base) },
                annualReports: try m["annual_reports"].map {
                    try listingURL($0.value, "\(key).annual_reports", base: base)
                },
                emails: try m["email"].map { try emails($0.value, "\(key).email") } ?? [])
        }
    }

    /// One address or a list of them, each `local@domain` without spaces or angle brackets.
    private func emails(_ node: Node, _ key: String) throws -> [String] {
        let list = node.sequence != nil ? try reader.strings(node, key) : [try reader.string(node, key)]
        for address in list {
            let parts = address.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
                !address.contains(where: { $0.isWhitespace || "<>,;\"".contains($0) })
            else { throw reader.error(node, key, "'\(address)' is not a mail address") }
        }
        return list
    }

    private func columns(_ node: Node, base: String, units: Set<String>) throws -> [ColumnDefinition] {
        var seen = Set<String>()
        return try reader.list(node, "columns").enumerated().map { i, item in
            let key = "columns[\(i)]"
            let m = try reader.mapping(item, key, allowed: ["url", "name", "type", "unit"])
            let url = try required(m, "url", in: item, prefix: key) { try listingURL($0, $1, base: base) }
            guard seen.insert(url).inserted else {
                throw reader.error(m["url"]!.value, "\(key).url", "duplicate column \(url)")
            }
            return ColumnDefinition(
                url: url, name: try required(m, "name", in: item, prefix: key) { try reader.string($0, $1) },
                type: try required(m, "type", in: item, prefix: key) { try reader.choice($0, $1, ColumnType.self) },
                unitID: try required(m, "unit", in: item, prefix: key) { try unitReference($0, $1, units) })
        }
    }

    private func feeds(_ node: Node, base: String, units: Set<String>) throws -> [FeedDefinition] {
        try reader.list(node, "feeds").enumerated().map { i, item in
            let key = "feeds[\(i)]"
            let m = try reader.mapping(item, key, allowed: ["url", "format", "account", "unit", "schedule"])
            if let s = m["schedule"] {
                // A feed is fetched by its probe's check; a schedule of its own would be ignored.
                throw reader.error(s.key, "\(key).schedule", "feeds are fetched with their probe's check: set probe.schedule instead")
            }
            return FeedDefinition(
                url: try required(m, "url", in: item, prefix: key) { try resolve($0, $1, base: base) },
                format: try required(m, "format", in: item, prefix: key) { try reader.choice($0, $1, FeedFormat.self) },
                account: try required(m, "account", in: item, prefix: key) { try reader.string($0, $1) },
                unitID: try required(m, "unit", in: item, prefix: key) { try unitReference($0, $1, units) })
        }
    }

    private func crawl(_ node: Node) throws -> CrawlSettings {
        let m = try reader.mapping(
            node, "crawl",
            allowed: [
                "concurrency", "per_host", "user_agent", "connect_timeout_seconds", "timeout_seconds",
                "max_body_bytes", "retries", "max_pages", "max_listing_pages", "follow_links", "attachments",
                "attachment_timeout_seconds", "attachment_memory_mb",
            ])
        var s = CrawlSettings()
        if let v = m["concurrency"] { s.concurrency = try reader.int(v.value, "crawl.concurrency", range: 1...256) }
        s.perHost = s.concurrency
        if let v = m["per_host"] { s.perHost = try reader.int(v.value, "crawl.per_host", range: 1...256) }
        if let v = m["user_agent"] { s.userAgent = try reader.string(v.value, "crawl.user_agent") }
        if let v = m["connect_timeout_seconds"] {
            s.connectTimeoutSeconds = try reader.double(v.value, "crawl.connect_timeout_seconds")
        }
        if let v = m["timeout_seconds"] { s.timeoutSeconds = try reader.double(v.value, "crawl.timeout_seconds") }
        if let v = m["max_body_bytes"] {
            s.maxBodyBytes = try reader.int(v.value, "crawl.max_body_bytes", range: 1024...(1 << 30))
        }
        if let v = m["retries"] { s.retries = try reader.int(v.value, "crawl.retries", range: 0...10) }
        if let v = m["max_pages"] { s.maxPages = try reader.int(v.value, "crawl.max_pages", range: 1...10_000_000) }
        if let v = m["max_listing_pages"] {
            s.maxListingPages = try reader.int(v.value, "crawl.max_listing_pages", range: 1...100_000)
        }
        if let v = m["follow_links"] { s.followLinks = try reader.bool(v.value, "crawl.follow_links") }
        if let v = m["attachments"] { s.readAttachments = try reader.bool(v.value, "crawl.attachments") }
        if let v = m["attachment_timeout_seconds"] {
            s.attachmentTimeoutSeconds = try reader.double(v.value, "crawl.attachment_timeout_seconds")
        }
        if let v = m["attachment_memory_mb"] {
            s.attachmentMemoryMB = try reader.int(v.value, "crawl.attachment_memory_mb", range: 64...4096)
        }
        return s
    }

    /// `parse:`: XPaths, each compiled by libxml2 here so that a bad one is refused at load.
    private func parse(_ node: Node, base: String, prefix: String = "parse", columns allowColumns: Bool = true) throws
        -> ParseOverrides
    {
        let keys: Set<String> = ["info_table", "body", "title", "fields", "entry", "entry_link", "entry_date", "pager"]
        let m = try reader.mapping(node, prefix, allowed: allowColumns ? keys.union(["columns"]) : keys)
        func xpath(_ key: String) throws -> String? {
            guard let v = m[key] else { return nil }
            let x = try reader.string(v.value, "\(prefix).\(key)")
            if let problem = XPathCheck.problem(x) { throw reader.error(v.value, "\(prefix).\(key)", problem) }
            return x
        }
        var fields: [String: String] = [:]
        if let f = m["fields"] {
            for (label, v) in try reader.mapping(f.value, "\(prefix).fields", allowed: Set(ParseOverrides.fieldLabels)) {
                let x = try reader.string(v.value, "\(prefix).fields.\(label)")
                if let problem = XPathCheck.problem(x) { throw reader.error(v.value, "\(prefix).fields.\(label)", problem) }
                fields[label] = x
            }
        }
        var columns: [String: ParseOverrides] = [:]
        if let c = m["columns"] {
            for (path, v) in try reader.mapping(c.value, "\(prefix).columns", allowed: nil) {
                guard let url = URLResolver.resolve(path, against: base) else {
                    throw reader.error(v.key, "\(prefix).columns", "'\(path)' is not a URL or path")
                }
                columns[url] = try parse(v.value, base: base, prefix: "\(prefix).columns.\(path)", columns: false)
            }
        }
        return ParseOverrides(
            infoTable: try xpath("info_table"), body: try xpath("body"), title: try xpath("title"), fields: fields,
            entry: try xpath("entry"), entryLink: try xpath("entry_link"), entryDate: try xpath("entry_date"),
            pager: try xpath("pager"), columns: columns)
    }

    // MARK: Values

    private func required<T>(
        _ m: [String: (key: Node, value: Node)], _ name: String, in parent: Node, prefix: String,
        _ read: (Node, String) throws -> T
    ) throws -> T {
        guard let v = m[name] else { throw reader.error(parent, "\(prefix).\(name)", "missing key") }
        return try read(v.value, "\(prefix).\(name)")
    }

    private func identifier(_ node: Node, _ key: String) throws -> String {
        let s = try reader.string(node, key)
        guard s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw reader.error(node, key, "expected an id of ASCII letters, digits, '-' and '_', got '\(s)'")
        }
        return s
    }

    private func baseURL(_ node: Node, _ key: String) throws -> String {
        let s = try reader.string(node, key)
        guard let parts = URLParts(s), parts.scheme == "http" || parts.scheme == "https", !parts.host.isEmpty else {
            throw reader.error(node, key, "expected an http:// or https:// URL, got '\(s)'")
        }
        return s.hasSuffix("/") ? s : s + "/"
    }

    private func resolve(_ node: Node, _ key: String, base: String) throws -> String {
        let s = try reader.string(node, key)
        guard let url = URLResolver.resolve(s, against: base) else {
            throw reader.error(node, key, "expected a path or an http(s) URL, got '\(s)'")
        }
        return url
    }

    /// A listing URL: a directory URL means its `index.html`.
    private func listingURL(_ node: Node, _ key: String, base: String) throws -> String {
        let url = try resolve(node, key, base: base)
        return url.hasSuffix("/") ? url + "index.html" : url
    }

    private func unitReference(_ node: Node, _ key: String, _ units: Set<String>) throws -> String {
        let s = try reader.string(node, key)
        guard units.contains(s) else {
            throw reader.error(
                node, key, "unit '\(s)' is not declared under units (declared: \(units.sorted().joined(separator: ", ")))")
        }
        return s
    }

    private func path(_ node: Node, _ key: String) throws -> String {
        let s = try reader.string(node, key)
        if s.hasPrefix("/") { return s }
        return URL(fileURLWithPath: reader.file).deletingLastPathComponent().appendingPathComponent(s).path
    }
}
