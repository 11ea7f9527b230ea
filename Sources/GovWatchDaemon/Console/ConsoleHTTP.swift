import FlyingFox
import Foundation

/// Parsing of what a browser sends (query strings, urlencoded forms, cookies) and the
/// headers every console response carries.
enum ConsoleHTTP {
    /// No script, no inline style, no framing, forms only to the console itself.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// `a=1&b=%E4%B8%AD` → ["a": "1", "b": "中"]; `+` is a space. The first value of a name wins.
    static func fields(_ encoded: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in encoded.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let name = decode(parts[0])
            if result[name] == nil { result[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return result
    }

    static func cookies(_ header: String?) -> [String: String] {
        var result: [String: String] = [:]
        for part in (header ?? "").split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { continue }
            result[kv[0].trimmingCharacters(in: .whitespaces)] = kv[1].trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    /// Encodes a query value.
    static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }

    static func response(
        _ status: HTTPStatusCode, type: String = "text/html; charset=utf-8", body: Data, extra: [HTTPHeader: String] = [:]
    ) -> HTTPResponse {
        var headers: [HTTPHeader: String] = [
            .contentType: type,
            HTTPHeader("Content-Security-Policy"): contentSecurityPolicy,
            HTTPHeader("X-Content-Type-Options"): "nosniff",
            HTTPHeader("Referrer-Policy"): "no-referrer",
            HTTPHeader("X-Frame-Options"): "DENY",
            .cacheControl: "no-store",
        ]
        for (k, v) in extra { headers[k] = v }
        return HTTPResponse(statusCode: status, headers: headers, body: body)
    }

    static func redirect(_ location: String, extra: [HTTPHeader: String] = [:]) -> HTTPResponse {
        var e = extra
        e[HTTPHeader("Location")] = location
        return response(.seeOther, body: Data(), extra: e)
    }

    /// Only http(s) links are made clickable: a crawled `javascript:` URL stays text.
    static func safeHref(_ url: String) -> String? {
        let lower = url.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") ? url : nil
    }

    /// A download of `data` named `name` (UTF-8 file names, RFC 5987).
    static func download(_ data: Data, type: String, name: String) -> HTTPResponse {
        response(.ok, type: type, body: data, extra: [.contentDisposition: "attachment; filename*=UTF-8''\(escape(name))"])
    }
}
