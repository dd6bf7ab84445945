import Foundation
import PoppAPI
import Testing

/// Profiles, credentials, doctor and the log, as a recruiter meets them on the command line.
@Suite struct ConfigEndToEndTests {
  /// A config folder holding `text` as config.toml with `mode`.
  func configHome(_ text: String, mode: Int) throws -> URL {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("popp-config-\(UUID().uuidString)")
    let folder = home.appendingPathComponent("popp-console")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent("config.toml")
    try Data(text.utf8).write(to: file)
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
    return home
  }

  /// The sandbox's address without its credentials: the profile must supply them.
  func withoutCredentials(_ sandbox: SandboxProcess) -> [String: String] {
    sandbox.environment.filter { !["POPP_API_KEY", "POPP_ORGANIZATION_ID", "POPP_BASE_URL"].contains($0.key) }
  }

  @Test func aSoleProfileIsUsedAndSeveralUnchosenAreListedWithTheLineThatPicksOne() async throws {
    try await offPool {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let url = sandbox.environment["POPP_BASE_URL"]!
      let team = """
        [profiles.team]
        organization-id = "sandbox-org"
        base-url = "\(url)"
        api-key = "sandbox-key"
        """
      let sole = try configHome(team, mode: 0o600)
      defer { try? FileManager.default.removeItem(at: sole) }
      var environment = withoutCredentials(sandbox)
      environment["XDG_CONFIG_HOME"] = sole.path
      var result = try CLI.run(["campaigns", "list"], environment: environment)
      #expect(result.status == 0, "the only profile is used without `profile =`: \(result.stderr)")
      #expect(result.stdout.contains("Senior Software Engineer"))
      result = try CLI.run(["doctor", "--json"], environment: environment.merging(["TERM": "xterm-256color"]) { $1 })
      let doctor = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
      let checks = doctor?["checks"] as? [[String: Any]] ?? []
      #expect(doctor?["version"] as? String == PoppConsoleVersion.current)
      #expect(checks.contains { ($0["text"] as? String ?? "").contains("the only one: used without `profile =`") }, "\(result.stdout)")
      #expect(checks.contains { ($0["text"] as? String ?? "").contains("organization sandbox-org (from profile team)") })

      let two = try configHome(team + "\n\n[profiles.prod]\norganization-id = \"acme\"\napi-key = \"k\"\n", mode: 0o600)
      defer { try? FileManager.default.removeItem(at: two) }
      environment["XDG_CONFIG_HOME"] = two.path
      result = try CLI.run(["campaigns", "list"], environment: environment)
      #expect(result.status == 2, "\(result.stderr)")
      #expect(result.stderr.contains("defines profiles prod, team and none is chosen"), "\(result.stderr)")
      #expect(result.stderr.contains("`profile = \"prod\"`") && result.stderr.contains("--profile prod"), "\(result.stderr)")
      #expect(result.stderr.contains("organization not set"), "where each value came from: \(result.stderr)")
      result = try CLI.run(["doctor"], environment: environment.merging(["TERM": "xterm-256color"]) { $1 })
      #expect(result.status == 1)
      #expect(result.stdout.contains("defines profiles prod, team and none is chosen"), "\(result.stdout)")
    }
  }

  @Test func aProfileConnectsAndAReadableFileHoldingItsKeyIsRefused() async throws {
    try await offPool {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let url = sandbox.environment["POPP_BASE_URL"]!
      let config = """
        [profiles.local]
        organization-id = "sandbox-org"
        base-url = "\(url)"
        api-key = "sandbox-key"

        [profiles.other]
        organization-id = "someone-else"
        base-url = "\(url)"
        api-key-command = ["printf", "wrong-key"]
        """
      let home = try configHome(config, mode: 0o644)
      defer { try? FileManager.default.removeItem(at: home) }
      var environment = withoutCredentials(sandbox)
      environment["XDG_CONFIG_HOME"] = home.path
      var result = try CLI.run(["campaigns", "list", "--profile", "local"], environment: environment)
      #expect(result.status == 2)
      #expect(result.stderr.contains("holds an API key and can be read by its group and every other user (mode 644)"))
      #expect(result.stderr.contains("chmod 600"))
      #expect(result.stdout.isEmpty, "nothing was fetched")

      try FileManager.default.setAttributes(
        [.posixPermissions: 0o600], ofItemAtPath: home.appendingPathComponent("popp-console/config.toml").path)
      result = try CLI.run(["campaigns", "list", "--profile", "local"], environment: environment)
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.contains("Senior Software Engineer"))

      environment["POPP_PROFILE"] = "other"
      result = try CLI.run(["campaigns", "list"], environment: environment)
      #expect(result.status == 1, "POPP_PROFILE chose the profile with the wrong key")
      result = try CLI.run(["campaigns", "list", "--profile", "local"], environment: environment)
      #expect(result.status == 0, "--profile beats POPP_PROFILE")
      result = try CLI.run(["campaigns", "list", "--profile", "missing"], environment: environment)
      #expect(result.status == 2)
      #expect(result.stderr.contains("known: local, other"))
    }
  }

  @Test func doctorAgainstAReachableAndAnUnreachableServer() async throws {
    try await offPool {
      let sandbox = try SandboxProcess()
      let environment = sandbox.environment.merging(["TERM": "xterm-256color"]) { $1 }
      var result = try CLI.run(["doctor"], environment: environment)
      #expect(result.status == 0, "\(result.stdout)")
      #expect(result.stdout.contains("✓ organization sandbox-org (from POPP_ORGANIZATION_ID)"))
      #expect(result.stdout.contains("✓ reached the API in"))
      #expect(result.stdout.contains("Everything looks right."))
      #expect(!result.stdout.contains("sandbox-key") && !result.stderr.contains("sandbox-key"), "the key is never printed")
      _ = sandbox.stop()
      #expect(result.stdout.contains("✓ TERM xterm-256color: 256 colours"))
      result = try CLI.run(["doctor"], environment: environment)
      #expect(result.status == 1)
      #expect(result.stdout.contains("✗ cannot use the API"))
      #expect(result.stdout.contains("To fix:"))
      #expect(result.stdout.contains("check the base URL, the network and any proxy"))
    }
  }

  @Test func doctorReportsEachMistakeOfTheFileOnceWithItsLine() async throws {
    try await offPool {
      let config = """
        theme = "light"
        colour = "blue"

        [profiles.local]
        organization-id = "org"
        apikey = "typo"

        [keymap]
        jump-around = "x"

        [polling]
        head = 0
        """
      let home = try configHome(config, mode: 0o600)
      defer { try? FileManager.default.removeItem(at: home) }
      let file = home.appendingPathComponent("popp-console/config.toml").path
      var result = try CLI.run(["doctor"], environment: ["XDG_CONFIG_HOME": home.path, "TERM": "xterm-256color"])
      #expect(result.status == 1)
      let failures = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  ✗ \(file):") }
      #expect(
        failures.map { String($0.dropFirst("  ✗ \(file):".count).prefix { $0 != ":" }) } == ["2", "6", "9", "12"],
        "one line per mistake, in the file's order: \(result.stdout)")
      #expect(
        failures[0].hasSuffix(
          #"unknown top-level setting "colour"; known: alerts, composer, default-country, hub, hub-fallback, keymap, log-level, polling, profile, profiles, theme"#
        ))
      #expect(failures[1].contains(#"unknown profile setting "apikey""#))

      try Data("[keymap]\nquit = \"Q\"\nhelp = \n[polling]\nhead = 0\n".utf8).write(to: URL(fileURLWithPath: file))
      result = try CLI.run(["doctor"], environment: ["XDG_CONFIG_HOME": home.path, "TERM": "xterm-256color"])
      #expect(result.status == 1)
      #expect(result.stdout.components(separatedBy: "not valid TOML").count == 2, "the syntax error once: \(result.stdout)")
      #expect(result.stdout.contains("✗ \(file):3: not valid TOML"))
      #expect(!result.stdout.contains("polling.head"), "a file that does not parse is not read further")
    }
  }

  @Test func profileSwitchesOrganizationInTheConsoleWithItsAccent() async throws {
    try await offPool {
      let sandbox = try SandboxProcess(["--org", "org-a:key-a", "--org", "org-b:key-b"])
      defer { _ = sandbox.stop() }
      let url = sandbox.environment["POPP_BASE_URL"]!
      let config = """
        profile = "agency-a"
        [profiles.agency-a]
        organization-id = "org-a"
        base-url = "\(url)"
        api-key-command = ["printf", "key-a"]
        accent = "green"

        [profiles.agency-b]
        organization-id = "org-b"
        base-url = "\(url)"
        api-key-command = ["printf", "key-b"]
        accent = "#c00000"
        """
      let session = try TmuxSession(columns: 120, rows: 30, arguments: "", config: config, environment: withoutCredentials(sandbox))
      try session.wait(for: "profile a") { $0.contains("agency-a · org org-a") && $0.contains("25 conversations") }
      let badgeA = try session.tmux(["capture-pane", "-e", "-p", "-t", "console"]).split(separator: "\n").first ?? ""
      try session.send(":")
      try session.send("-l", "profile agency-b")
      try session.send("Enter")
      try session.wait(for: "profile b") { $0.contains("agency-b · org org-b") && $0.contains("25 conversations") }
      let badgeB = try session.tmux(["capture-pane", "-e", "-p", "-t", "console"]).split(separator: "\n").first ?? ""
      // The status bar at the foot starts with the profile too, in the same colours as its badge.
      let statusRow = try session.rows().last ?? ""
      #expect(statusRow.hasPrefix(" agency-b  25 conversations"), "the status bar names the profile: \(statusRow)")
      let styledStatus = try session.tmux(["capture-pane", "-e", "-p", "-t", "console"]).split(separator: "\n").last ?? ""
      // The colours of the title bar, without its text: each profile's badge has its own.
      func colours(_ line: Substring) -> [String] {
        line.split(separator: "\u{1B}").map { String($0.prefix { $0 != "m" }) }.filter { $0.hasPrefix("[") }
      }
      #expect(colours(badgeA) != colours(badgeB), "\(colours(badgeA)) vs \(colours(badgeB))")
      // The background set just before the profile's name, in the title bar and in the status bar.
      func background(before name: String, in line: Substring) -> Set<String> {
        guard let found = line.range(of: name) else { return [] }
        var parameters: Set<String> = []
        var rest = line[..<found.lowerBound]
        while let match = rest.firstMatch(of: /\x1B\[([0-9;]*)m$/) {
          parameters.insert(String(match.1))
          rest = rest[..<match.range.lowerBound]
        }
        return parameters.filter { $0.hasPrefix("48;") || $0.wholeMatch(of: /(4|10)[0-7]/) != nil }
      }
      let badgeBackground = background(before: " agency-b", in: badgeB)
      #expect(!badgeBackground.isEmpty, "the badge has a background of its own: \(badgeB.debugDescription)")
      #expect(
        badgeBackground == background(before: " agency-b", in: styledStatus),
        "the status bar's profile in the profile's accent: \(styledStatus.debugDescription)")
      try session.send("?")
      let help = try session.wait(for: "the help") { $0.contains("Keys") }
      for screen in [help, try session.screen()] {
        #expect(!screen.contains("key-a") && !screen.contains("key-b"), "the key is never on screen")
      }
      try session.send("Escape")
      Thread.sleep(forTimeInterval: 0.3)
      let argv = try String(contentsOfFile: "/proc/\(try session.consolePid())/cmdline", encoding: .utf8)
      #expect(!argv.contains("key-a") && !argv.contains("key-b"), "nor in the console's argv")
      try session.send("q")
      try session.wait(for: "exit") { _ in session.exitStatus != nil }
      #expect(session.exitStatus == "0")
    }
  }

  @Test func theKeyNeverReachesTheLogEvenAtTrace() async throws {
    try await offPool {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let result = try CLI.run(["conversations", "list", "--log-level", "trace"], environment: sandbox.environment)
      #expect(result.status == 0, "\(result.stderr)")
      let log = try String(contentsOf: sandbox.stateHome.appendingPathComponent("popp-console/popp-console.log"), encoding: .utf8)
      #expect(log.contains("→ GET /v1/conversations"), "requests are logged")
      #expect(log.contains("X-Api-Key: [redacted]"), "headers are logged at trace, the key redacted")
      #expect(log.contains("User-Agent: popp-console/\(PoppConsoleVersion.current) (linux; swift 6."), "the version in every request")
      let version = try CLI.run(["--version"], environment: sandbox.environment)
      #expect(version.status == 0 && version.stdout == "\(PoppConsoleVersion.current)\n", "\(version.stdout)\(version.stderr)")
      #expect(!log.contains("sandbox-key"), "the key itself is absent")
      let mode =
        try FileManager.default.attributesOfItem(
          atPath: sandbox.stateHome.appendingPathComponent("popp-console/popp-console.log").path)[.posixPermissions] as? Int
      #expect(mode == 0o600)
    }
  }
}
