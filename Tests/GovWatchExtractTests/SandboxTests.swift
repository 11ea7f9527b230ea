import Foundation
import GovWatchExtract
import Testing

/// The sandbox itself, with small programs that misbehave on purpose.
@Suite(.serialized) struct SandboxTests {
    let python = "/usr/bin/python3"

    func run(_ code: String, _ limits: SandboxLimits = SandboxLimits(seconds: 5, cpuSeconds: 5)) async throws -> Result<
        ToolOutput, ToolFailure
    > {
        let python = self.python
        return try await offPool {
            SandboxedTool.run(python, ["-I", "-c", code, "{input}"], input: Data("x".utf8), inputName: "in.txt", limits: limits)
        }
    }

    func stdout(_ r: Result<ToolOutput, ToolFailure>) -> String? {
        guard case .success(let o) = r else { return nil }
        return String(decoding: o.stdout, as: UTF8.self)
    }

    @Test func aToolReadsItsInputAndWritesItsOutput() async throws {
        #expect(stdout(try await run("import sys; print(open(sys.argv[1]).read())")) == "x\n")
    }

    @Test func aHangingToolIsKilledAtTheWallClock() async throws {
        let started = Date()
        let r = try await offPool {
            SandboxedTool.run("/bin/sleep", ["30"], input: Data(), inputName: "in", limits: SandboxLimits(seconds: 0.5, cpuSeconds: 5))
        }
        #expect(r.failure == .timedOut)
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func aSpinningToolIsStoppedByItsCPULimit() async throws {
        let r = try await run("while True: pass", SandboxLimits(seconds: 10, cpuSeconds: 1))
        #expect(r.failure == .killed(signal: SIGXCPU) || r.failure == .killed(signal: SIGKILL))
    }

    @Test func memoryIsBoundedByTheAddressSpaceLimit() async throws {
        let r = try await run("b = bytearray(512 << 20); print(len(b))", SandboxLimits(seconds: 10, cpuSeconds: 5, memoryBytes: 128 << 20))
        #expect(r.failure != nil)
        #expect(stdout(try await run("b = bytearray(16 << 20); print(len(b))")) == "\(16 << 20)\n")
    }

    @Test func thereIsNoNetworkButLocalSockets() async throws {
        let code = """
            import socket
            socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).close()
            print("unix ok")
            try:
                socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                print("inet allowed")
            except PermissionError:
                print("inet refused")
            """
        #expect(stdout(try await run(code)) == "unix ok\ninet refused\n")
    }

    @Test func theToolSeesNoInheritedDescriptorsAndAPlainEnvironment() async throws {
        let pipe = Pipe()  // an open descriptor of the parent
        defer { try? pipe.fileHandleForWriting.close() }
        let code = "import os; print(sorted(os.listdir('/proc/self/fd'))); print(os.environ.get('HOME'), 'SECRET' in os.environ)"
        setenv("SECRET", "1", 1)
        defer { unsetenv("SECRET") }
        let out = stdout(try await run(code)) ?? ""
        #expect(out.hasPrefix("['0', '1', '2', '3']"))  // 3 is listdir's own
        #expect(out.hasSuffix("/nonexistent False\n"))
    }

    @Test func theTemporaryDirectoryIsRemoved() async throws {
        let out = stdout(try await run("import os, sys; print(os.path.dirname(sys.argv[1]))")) ?? ""
        let dir = out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(dir.contains("govwatch-extract-"))
        #expect(!FileManager.default.fileExists(atPath: dir))
    }

    @Test func outputPastItsCapIsCut() async throws {
        let r = try await run("import sys; sys.stdout.write('a' * (4 << 20))", SandboxLimits(seconds: 5, cpuSeconds: 5, outputBytes: 1 << 20))
        let output = try r.get()
        #expect(output.truncated && output.stdout.count == 1 << 20)
    }

    @Test func aMissingToolIsSaidSo() async throws {
        let r = SandboxedTool.run("/usr/bin/no-such-tool", [], input: Data(), inputName: "in", limits: SandboxLimits())
        #expect(r.failure == .missing("no-such-tool"))
        #expect(r.failure?.chinese == "无法提取文本：未安装no-such-tool")
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}
