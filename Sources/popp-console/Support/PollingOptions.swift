import ArgumentParser
import ConsoleCore

/// Poll intervals from the command line; they override the config's `[polling]` table.
struct PollingOptions: ParsableArguments {
  @Option(name: .customLong("poll-thread"), help: "Seconds between polls of the open thread (default 2).") var thread: Double?
  @Option(name: .customLong("poll-head"), help: "Seconds between polls for new conversations (default 5).") var head: Double?
  @Option(name: .customLong("poll-active"), help: "Seconds between polls of active conversations (default 5).") var active: Double?
  @Option(name: .customLong("poll-catalog"), help: "Seconds between polls of campaigns and templates (default 60).") var catalog: Double?
  @Option(name: .customLong("poll-sweep"), help: "Seconds between full refreshes (default 300).") var sweep: Double?
  @Option(
    name: .customLong("request-timeout"),
    help: "Seconds a poll or a send may take before it counts as failed (default 15); a send cut off by a crash is checked after it.")
  var requestTimeout: Double = 15

  func validate() throws {
    let given: [(String, Double?)] = [
      ("--poll-thread", thread), ("--poll-head", head), ("--poll-active", active), ("--poll-catalog", catalog), ("--poll-sweep", sweep),
    ]
    for case (let flag, let seconds?) in given where !PollSettingsLoader.allowedSeconds.contains(seconds) {
      throw ValidationError("\(flag) must be between 0.1 and 86400 seconds, not \(seconds)")
    }
    guard (1...600).contains(requestTimeout) else {
      throw ValidationError("--request-timeout must be between 1 and 600 seconds, not \(requestTimeout)")
    }
  }

  func apply(to base: PollSettings) -> PollSettings {
    var settings = base
    let given: [(PollKind, Double?)] = [(.thread, thread), (.head, head), (.activeSet, active), (.catalog, catalog), (.sweep, sweep)]
    for case (let kind, let seconds?) in given { settings.intervals[kind] = seconds }
    return settings
  }
}
