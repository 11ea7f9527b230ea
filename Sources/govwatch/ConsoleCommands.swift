import ArgumentParser
import Foundation
import GovWatchDaemon

/// `govwatch console`: the web console alone, on a database (the daemon serves it under `/ui/` itself).
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Serve the web console (/ui/) on a database without running the daemon; Ctrl-C stops it.")

    @OptionGroup var options: PostOptions
    @Option(help: "host:port to listen on; a non-loopback address needs console users in --config.") var listen = "127.0.0.1:9465"

    func run() async throws {
        let settings = try options.settings()
        var c = settings.config
        c.listen = listen
        guard let (host, port) = c.listenHostPort else { throw ValidationError("--listen takes host:port, got \(listen)") }
        if !DaemonConfig.isLoopback(host) && c.console.users.isEmpty {
            throw ValidationError("listening on \(host) needs console users in --config (govwatch user add)")
        }
        let database = try options.database()
        print("console on http://\(host):\(port)/ui/ (\(c.console.users.isEmpty ? "read-only, no login" : "login required"))")
        try await ConsoleServer.serve(settings: settings, database: database, host: host, port: port)
    }
}

/// `govwatch user add NAME --role ROLE --config FILE`: a console user, its password hashed with Argon2id.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Console users (in the daemon config).", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a console user: asks for the password (or reads it from standard input) and writes its Argon2id hash into the config.",
            discussion: "Reload the daemon afterwards (systemctl reload govwatch).")

        @Argument(help: "The user name (shown as 记录人 on what the user records).") var name: String
        @Option(help: "supervisor (read) or evaluator (read, record deductions and written reports).") var role: String
        @Option(help: "The daemon config to write.") var config: String = "/etc/govwatch/govwatch.yaml"
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false

        func run() throws {
            guard let role = ConsoleRole(rawValue: role) else { throw ValidationError("--role is supervisor or evaluator, got \(role)") }
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("the user name is empty") }
            let password = try readPassword()
            guard password.count >= 10 else { throw ValidationError("the password needs at least 10 characters") }
            let text = try String(contentsOfFile: config, encoding: .utf8)
            let user = ConsoleUser(name: name, role: role, passwordHash: try PasswordHash.make(password))
            let edited = try ConsoleUsersFile.adding(user, to: text, file: config)
            try edited.write(toFile: config, atomically: true, encoding: .utf8)
            print("added \(name) (\(role.rawValue)) to \(config); reload the daemon: systemctl reload govwatch")
        }

        private func readPassword() throws -> String {
            if passwordStdin {
                guard let line = readLine(strippingNewline: true) else { throw ValidationError("no password on standard input") }
                return line
            }
            guard let first = getpass("password: ").map({ String(cString: $0) }),
                let second = getpass("again: ").map({ String(cString: $0) })
            else { throw ValidationError("no terminal to ask for the password; use --password-stdin") }
            guard first == second else { throw ValidationError("the passwords differ") }
            return first
        }
    }
}
