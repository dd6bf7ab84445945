import Foundation
import Testing

/// The shell completions the binary writes (`--generate-completion-script`), run by bash as Tab runs them: domain
/// names after the options that take them, and the console's options after a bare `popp-console`.
/// `scripts/install/check.sh` does the same for zsh and fish, interactively, on an installed tree.
@Suite struct CompletionScriptTests {
  /// A config folder with two profiles and a theme of the user's own; removed by the caller.
  func configHome() throws -> URL {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("popp-completion-\(UUID().uuidString)")
    let folder = home.appendingPathComponent("popp-console")
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("themes"), withIntermediateDirectories: true)
    try Data("[profiles.acme-test]\norganization-id = \"a\"\n\n[profiles.agency-b]\norganization-id = \"b\"\n".utf8)
      .write(to: folder.appendingPathComponent("config.toml"))
    try Data("name = \"Mine\"\n".utf8).write(to: folder.appendingPathComponent("themes/my-own.toml"))
    return home
  }

  /// What bash's completion of `words` offers for the last word, sorted; the binary is found on PATH as a user's is.
  func bashOffers(_ words: [String], script: URL, config: URL) throws -> [String] {
    let program = """
      source "$1"; shift
      COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
      complete -p popp-console | grep -q _popp-console_default_command || { echo "not registered"; exit 1; }
      _popp-console_default_command popp-console "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
      printf '%s\\n' "${COMPREPLY[@]}"
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["--norc", "--noprofile", "-c", program, "bash", script.path] + words
    process.environment = CLI.environment([
      "PATH": CLI.binary.deletingLastPathComponent().path + ":/usr/bin:/bin", "XDG_CONFIG_HOME": config.path, "POPP_LOG_LEVEL": "off",
    ])
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.isEmpty }.sorted()
  }

  @Test func bashCompletesTheDomainsNamesAndTheDefaultCommandsOptions() async throws {
    try await offPool {
      let config = try configHome()
      defer { try? FileManager.default.removeItem(at: config) }
      let generated = try CLI.run(["--generate-completion-script", "bash"], environment: ["XDG_CONFIG_HOME": config.path])
      #expect(generated.status == 0)
      let script = config.appendingPathComponent("popp-console.bash")
      try Data(generated.stdout.utf8).write(to: script)

      // The shipped themes (a binary in .build reads its checkout's) and the user's own.
      let themes = ["default-dark", "gruvbox", "high-contrast", "light", "monochrome", "my-own", "solarized-dark"]
      #expect(try bashOffers(["popp-console", "--theme", ""], script: script, config: config) == themes)
      #expect(try bashOffers(["popp-console", "console", "--theme", "gr"], script: script, config: config) == ["gruvbox"])
      #expect(try bashOffers(["popp-console", "--sandbox", "--theme", "m"], script: script, config: config) == ["monochrome", "my-own"])
      #expect(try bashOffers(["popp-console", "doctor", "--profile", ""], script: script, config: config) == ["acme-test", "agency-b"])
      #expect(try bashOffers(["popp-console", "--profile", "ag"], script: script, config: config) == ["agency-b"])
      #expect(
        try bashOffers(["popp-console", "conversations", "list", "--status", "O"], script: script, config: config) == [
          "ONGOING", "OPTED_OUT",
        ])
      #expect(
        try bashOffers(["popp-console", "campaigns", "update", "c1", "--status", ""], script: script, config: config) == [
          "ARCHIVED", "DRAFT", "LIVE",
        ])
      // A bare popp-console followed by an option is the console; followed by nothing, a subcommand is offered.
      #expect(try bashOffers(["popp-console", "--th"], script: script, config: config) == ["--theme"])
      #expect(try bashOffers(["popp-console", "doc"], script: script, config: config) == ["doctor"])
    }
  }

  @Test func zshAndFishScriptsCarryTheDefaultCommand() throws {
    let zsh = try CLI.run(["--generate-completion-script", "zsh"], environment: [:])
    #expect(zsh.stdout.hasPrefix("#compdef popp-console"))
    #expect(zsh.stdout.contains("compdef _popp-console_default_command popp-console"), "swift-argument-parser's last block changed")
    #expect(!zsh.stdout.contains("compdef _popp-console popp-console"))
    let fish = try CLI.run(["--generate-completion-script=fish"], environment: [:])
    #expect(fish.stdout.contains("functions -c __popp-console_tokens __popp-console_tokens_as_typed"))
    #expect(fish.stdout.contains("---completion console -- --theme"))
  }
}
