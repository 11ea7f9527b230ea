import CCurl
import Foundation

/// One blocking libcurl easy transfer, for deliveries: an HTTP POST or an SMTP upload.
struct CurlCall {
    var url: String
    var timeout: Double
    /// The request body (POST) or the mail (SMTP upload).
    var payload: [UInt8]
    var headers: [String] = []
    /// SMTP: envelope sender and recipients.
    var mailFrom: String?
    var recipients: [String] = []
    var username: String?
    var password: String?
    /// SMTP: demand TLS (STARTTLS on smtp://).
    var requireTLS = false
    /// Trust this CA file instead of the system's.
    var caFile: String?

    /// Performs the transfer; returns the response code (HTTP status or SMTP reply) and body.
    func perform() throws(DeliveryError) -> (code: Int, body: [UInt8]) {
        _ = curlReady
        guard let h = curl_easy_init() else { throw DeliveryError("libcurl: cannot create a handle") }
        defer { curl_easy_cleanup(h) }
        let state = Unmanaged.passRetained(CallState(payload: payload))
        defer { state.release() }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        var lists: [UnsafeMutablePointer<curl_slist>?] = []
        defer { lists.forEach { curl_slist_free_all($0) } }

        _ = gw_setopt_str(h, CURLOPT_URL, url)
        _ = gw_setopt_long(h, CURLOPT_NOSIGNAL, 1)
        _ = gw_setopt_long(h, CURLOPT_TIMEOUT_MS, Int(timeout * 1000))
        _ = gw_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, Int(min(timeout, 10) * 1000))
        _ = gw_setopt_str(h, CURLOPT_PROTOCOLS_STR, "http,https,smtp,smtps")
        _ = gw_setopt_ptr(h, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = gw_setopt_write(h, collect)
        _ = gw_setopt_ptr(h, CURLOPT_WRITEDATA, state.toOpaque())
        if let caFile { _ = gw_setopt_str(h, CURLOPT_CAINFO, caFile) }
        if let username { _ = gw_setopt_str(h, CURLOPT_USERNAME, username) }
        if let password { _ = gw_setopt_str(h, CURLOPT_PASSWORD, password) }
        if let mailFrom {
            _ = gw_setopt_str(h, CURLOPT_MAIL_FROM, "<\(mailFrom)>")
            var rcpt: UnsafeMutablePointer<curl_slist>?
            for r in recipients { rcpt = curl_slist_append(rcpt, "<\(r)>") }
            lists.append(rcpt)
            _ = gw_setopt_ptr(h, CURLOPT_MAIL_RCPT, rcpt)
            _ = gw_setopt_long(h, CURLOPT_UPLOAD, 1)
            _ = gw_setopt_off(h, CURLOPT_INFILESIZE_LARGE, curl_off_t(payload.count))
            _ = gw_setopt_read(h, supply)
            _ = gw_setopt_ptr(h, CURLOPT_READDATA, state.toOpaque())
            if requireTLS { _ = gw_setopt_long(h, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)) }
        } else {
            _ = gw_setopt_long(h, CURLOPT_POST, 1)
            _ = gw_setopt_off(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(payload.count))
            _ = gw_setopt_read(h, supply)
            _ = gw_setopt_ptr(h, CURLOPT_READDATA, state.toOpaque())
            var list: UnsafeMutablePointer<curl_slist>?
            for header in headers + ["Expect:"] { list = curl_slist_append(list, header) }
            lists.append(list)
            _ = gw_setopt_ptr(h, CURLOPT_HTTPHEADER, list)
        }
        let rc = curl_easy_perform(h)
        let code = gw_info_long(h, CURLINFO_RESPONSE_CODE)
        guard rc == CURLE_OK else {
            let detail = errorBuffer.pointee == 0 ? String(cString: curl_easy_strerror(rc)) : String(cString: errorBuffer)
            throw DeliveryError(code > 0 ? "\(detail) (reply \(code))" : detail)
        }
        return (code, state.takeUnretainedValue().received)
    }
}

/// The bytes going out and coming back of one call.
private final class CallState {
    let payload: [UInt8]
    var offset = 0
    var received: [UInt8] = []

    init(payload: [UInt8]) { self.payload = payload }
}

private let collect: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, context in
    guard let data, let context else { return 0 }
    let state = Unmanaged<CallState>.fromOpaque(context).takeUnretainedValue()
    let n = size * count
    if state.received.count < 1 << 20 {  // a response is a short status; never keep more than 1 MiB
        data.withMemoryRebound(to: UInt8.self, capacity: n) { state.received.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
    }
    return n
}

private let supply: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    buffer, size, count, context in
    guard let buffer, let context else { return 0 }
    let state = Unmanaged<CallState>.fromOpaque(context).takeUnretainedValue()
    let n = min(size * count, state.payload.count - state.offset)
    guard n > 0 else { return 0 }
    state.payload.withUnsafeBytes { raw in
        UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress! + state.offset, byteCount: n)
    }
    state.offset += n
    return n
}

/// `curl_global_init`, once per process.
private let curlReady: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()
