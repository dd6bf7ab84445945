import TOMLKit

/// Reads the `[polling]` and `[alerts]` tables of the config file. A wrong entry is reported
/// with its line and skipped; the rest applies.
public enum PollSettingsLoader {
  static let intervalKeys: [String: PollKind] = [
    "thread": .thread, "head": .head, "active": .activeSet, "catalog": .catalog, "sweep": .sweep,
  ]
  /// Polling faster than this would only load the server; slower than a day is a typo.
  public static let allowedSeconds = 0.1...86_400.0

  public static func apply(from document: ConfigDocument, to base: PollSettings = PollSettings()) -> (
    settings: PollSettings, problems: [ConfigProblem]
  ) {
    var settings = base
    var problems: [ConfigProblem] = []
    func problem(_ path: [String], _ message: String) {
      problems.append(document.problem(at: path, message))
    }

    if let value = document["polling"] {
      if let table = value.table {
        for (key, entry) in table {
          let path = ["polling", key]
          if let kind = intervalKeys[key] {
            guard let seconds = number(entry), allowedSeconds.contains(seconds) else {
              problem(path, "polling.\(key) must be a number of seconds between 0.1 and 86400")
              continue
            }
            settings.intervals[kind] = seconds
          } else if key == "backoff-cap" {
            guard let seconds = number(entry), allowedSeconds.contains(seconds) else {
              problem(path, "polling.backoff-cap must be a number of seconds between 0.1 and 86400")
              continue
            }
            settings.backoffCap = seconds
          } else if key == "server-filters" {
            guard let flag = entry.bool else {
              problem(path, "polling.server-filters must be true or false")
              continue
            }
            settings.useServerFilters = flag
          } else {
            problem(
              path,
              "unknown polling setting \"\(key)\"; known: \((intervalKeys.keys.sorted() + ["backoff-cap", "server-filters"]).joined(separator: ", "))"
            )
          }
        }
      } else {
        problem(["polling"], "polling must be a table: a [polling] section with lines like head = 5")
      }
    }

    if let value = document["alerts"] {
      if let table = value.table {
        for (key, entry) in table {
          let path = ["alerts", key]
          switch key {
          case "bell", "title":
            guard let flag = entry.bool else {
              problem(path, "alerts.\(key) must be true or false")
              continue
            }
            if key == "bell" { settings.alerts.bell = flag } else { settings.alerts.title = flag }
          case "sla-minutes":
            guard let minutes = number(entry), minutes > 0 else {
              problem(path, "alerts.sla-minutes must be a positive number of minutes")
              continue
            }
            settings.alerts.slaMinutes = minutes
          case "notify-command":
            guard let command = commandLine(entry) else {
              problem(path, #"alerts.notify-command must be a list of strings, e.g. ["notify-send", "Popp"] (run without a shell)"#)
              continue
            }
            settings.alerts.notifyCommand = command
          default:
            problem(path, "unknown alerts setting \"\(key)\"; known: bell, notify-command, sla-minutes, title")
          }
        }
      } else {
        problem(["alerts"], "alerts must be a table: an [alerts] section with lines like bell = false")
      }
    }
    return (settings, problems.inFileOrder())
  }

  private static func number(_ value: any TOMLValueConvertible) -> Double? {
    if let integer = value.int { return Double(integer) }
    return value.double
  }

  /// A list of strings, or one string split at spaces; never interpreted by a shell.
  private static func commandLine(_ value: any TOMLValueConvertible) -> [String]? {
    if let text = value.string {
      let words = text.split(separator: " ").map(String.init)
      return words.isEmpty ? nil : words
    }
    guard let array = value.array else { return nil }
    let words = array.compactMap { $0.string }
    return words.count == array.count && !words.isEmpty && !words[0].isEmpty ? words : nil
  }
}
