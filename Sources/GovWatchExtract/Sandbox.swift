import CSandbox
import Foundation

/// The bounds every external extractor runs within.
public struct SandboxLimits: Sendable, Hashable {
    /// Wall-clock limit of one run; past it the tool and its children are killed.
    public var seconds: Double
    /// CPU time, whole seconds (RLIMIT_CPU).
    public var cpuSeconds: Int
    /// Address space (RLIMIT_AS): the tool's memory cannot grow past it.
    public var memoryBytes: Int
    /// The largest output the tool may write (RLIMIT_FSIZE); more is cut off.
    public var outputBytes: Int

    public init(seconds: Double = 20, cpuSeconds: Int = 20, memoryBytes: Int = 256 << 20, outputBytes: Int = 16 << 20) {
        self.seconds = seconds
        self.cpuSeconds = cpuSeconds
        self.memoryBytes = memoryBytes
        self.outputBytes = outputBytes
    }
}

/// Why a tool gave no text.
public enum ToolFailure: Error, Sendable, Hashable, CustomStringConvertible {
    case missing(String)
    case timedOut
    case killed(signal: Int32)
    /// Ended (by a signal or an error exit) at the memory limit: the allocation it needed failed.
    case outOfMemory
    case failed(exitCode: Int32)
    /// The sandbox could not be set up (`step`: limits, seccomp, exec …); the tool did not run.
    case sandbox(step: String, errno: Int32)

    public var description: String {
        switch self {
        case .missing(let tool): "\(tool) is not installed"
        case .timedOut: "timed out"
        case .killed(let signal): "killed by signal \(signal)"
        case .outOfMemory: "ran out of its memory limit"
        case .failed(let code): "exited with status \(code)"
        case .sandbox(let step, let errno): "sandbox step \(step) failed: \(String(cString: strerror(errno)))"
        }
    }

    /// The note shown to supervisors (`无法提取文本：超时`).
    public var chinese: String {
        switch self {
        case .missing(let tool): "无法提取文本：未安装\(tool)"
        case .timedOut: "无法提取文本：超时"
        case .killed(let signal) where signal == SIGXCPU: "无法提取文本：超出处理时间"
        case .killed: "无法提取文本：提取程序异常退出"
        case .outOfMemory: "无法提取文本：超出内存限制"
        case .failed: "无法提取文本：文件无法解析"
        case .sandbox: "无法提取文本：隔离环境不可用"
        }
    }
}

/// What one sandboxed run produced.
public struct ToolOutput: Sendable {
    public var stdout: Data
    /// Peak resident memory of the tool, KiB.
    public var maxRSSKiB: Int
    /// True when the output reached `outputBytes` and was cut.
    public var truncated: Bool
}

/// Runs an external extractor on bytes, in a temporary directory that is removed afterwards,
/// with the limits of `SandboxLimits`, no network (seccomp refuses every non-local socket), no
/// inherited descriptors and a minimal environment. See `Sources/CSandbox/sandbox.c`.
public enum SandboxedTool {
    /// Runs `tool` (an absolute path) with `arguments`, where `{input}` stands for the file
    /// holding `input` (named `inputName`) and `{dir}` for the directory; `files` are written
    /// there beside it (a script the tool runs).
    public static func run(
        _ tool: String, _ arguments: [String], input: Data, inputName: String, files: [String: Data] = [:],
        limits: SandboxLimits
    ) -> Result<ToolOutput, ToolFailure> {
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            return .failure(.missing(URL(fileURLWithPath: tool).lastPathComponent))
        }
        var template = Array((NSTemporaryDirectory() + "/govwatch-extract-XXXXXX").utf8CString)
        guard let dirPointer = mkdtemp(&template) else { return .failure(.sandbox(step: "mkdtemp", errno: errno)) }
        let dir = String(cString: dirPointer)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let inputPath = dir + "/" + inputName
        let outputPath = dir + "/stdout"
        guard FileManager.default.createFile(atPath: inputPath, contents: input, attributes: [.posixPermissions: 0o600])
        else { return .failure(.sandbox(step: "write", errno: errno)) }
        for (name, data) in files {
            guard FileManager.default.createFile(atPath: dir + "/" + name, contents: data, attributes: [.posixPermissions: 0o600])
            else { return .failure(.sandbox(step: "write", errno: errno)) }
        }

        let argv = [tool] + arguments.map {
            $0.replacingOccurrences(of: "{input}", with: inputPath).replacingOccurrences(of: "{dir}", with: dir)
        }
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        let cLimits = gw_limits(
            wall_ms: Int(limits.seconds * 1000), cpu_seconds: limits.cpuSeconds, memory_bytes: limits.memoryBytes,
            output_bytes: limits.outputBytes)
        var result = gw_result()
        let rc = cArgs.withUnsafeMutableBufferPointer { buffer in
            gw_run_sandboxed(buffer.baseAddress, dir, outputPath, cLimits, &result)
        }
        if rc != 0 {
            let step = withUnsafeBytes(of: result.failed_step) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            return .failure(.sandbox(step: step, errno: result.setup_errno))
        }
        if result.timed_out != 0 { return .failure(.timedOut) }
        let output = FileManager.default.contents(atPath: outputPath) ?? Data()
        let truncated = output.count >= limits.outputBytes
        // RLIMIT_AS makes allocations fail; the tool then aborts or exits with an error.
        let atMemoryLimit = result.max_rss_kib * 1024 * 10 >= limits.memoryBytes * 7
        if atMemoryLimit, result.signal != 0 || (result.exited != 0 && result.exit_code != 0) { return .failure(.outOfMemory) }
        if result.signal != 0, !(result.signal == SIGXFSZ && truncated) { return .failure(.killed(signal: result.signal)) }
        if result.exited != 0, result.exit_code != 0, !truncated { return .failure(.failed(exitCode: result.exit_code)) }
        return .success(ToolOutput(stdout: output, maxRSSKiB: result.max_rss_kib, truncated: truncated))
    }
}
