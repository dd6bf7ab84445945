import Foundation
import TOMLKit

/// The top-level settings of `config.toml` and the profiles that say where to connect: the
/// default profile, the profiles, `default-country`, `log-level` and `theme`. Problems are
/// reported with their line, and the rest applies.
public struct ConfigFile: Sendable {
  public var defaultProfile: String?
  public var profiles: [String: Profile] = [:]
  public var defaultCountry: String?
  public var logLevel: String?
  /// The theme's name; `--theme` overrides it.
  public var theme: String?
  /// `hub = "PATH"` outside any profile: the team's hub for every profile that names none.
  public var hub: String?
  public var hubFallback: HubFallback?
  /// Whether any profile keeps its key in the file itself (permissions then matter).
  public var holdsAPIKey: Bool { profiles.values.contains { if case .literal = $0.apiKey { true } else { false } } }
  public var problems: [ConfigProblem] = []

  public init() {}

  static let profileKeys = [
    "organization-id", "base-url", "api-key", "api-key-command", "default-country", "accent", "hub", "hub-fallback",
  ]

  public init(document: ConfigDocument) {
    func problem(_ path: [String], _ message: String) {
      problems.append(document.problem(at: path, message))
    }
    func string(_ path: [String], _ value: (any TOMLValueConvertible)?) -> String? {
      guard let value else { return nil }
      guard let text = value.string else {
        problem(path, "\(path.joined(separator: ".")) must be a string")
        return nil
      }
      let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
      return trimmed.isEmpty ? nil : trimmed
    }
    defaultProfile = string(["profile"], document["profile"])
    defaultCountry = string(["default-country"], document["default-country"])
    logLevel = string(["log-level"], document["log-level"])
    theme = string(["theme"], document["theme"])
    func fallback(_ path: [String], _ value: (any TOMLValueConvertible)?) -> HubFallback? {
      guard let text = string(path, value) else { return nil }
      guard let fallback = HubFallback(rawValue: text) else {
        problem(path, "\(path.joined(separator: ".")) must be \"wait\" or \"direct\", not \"\(text)\"")
        return nil
      }
      return fallback
    }
    hub = string(["hub"], document["hub"])
    hubFallback = fallback(["hub-fallback"], document["hub-fallback"])
    guard let value = document["profiles"] else { return }
    guard let table = value.table else {
      problem(["profiles"], "profiles must be tables: [profiles.NAME] sections")
      return
    }
    for (name, entry) in table {
      guard let fields = entry.table else {
        problem(["profiles", name], "profiles.\(name) must be a table: a [profiles.\(name)] section")
        continue
      }
      var profile = Profile(name: name)
      for (key, field) in fields {
        let path = ["profiles", name, key]
        switch key {
        case "organization-id": profile.organizationId = string(path, field)
        case "base-url":
          guard let text = string(path, field) else { continue }
          guard let url = URL(string: text), url.scheme != nil, url.host != nil else {
            problem(path, "profiles.\(name).base-url is not a URL: \"\(text)\" (expected e.g. https://api.joinpopp.com/v1)")
            continue
          }
          profile.baseURL = url
        case "api-key":
          if let key = string(path, field) { profile.apiKey = .literal(key) }
        case "api-key-command":
          if let line = field.string {
            profile.apiKey = .shellCommand(line)
          } else if let words = field.array?.compactMap({ $0.string }), words.count == field.array?.count, !words.isEmpty {
            profile.apiKey = .command(words)
          } else {
            problem(path, #"profiles.\#(name).api-key-command must be a command: ["pass", "show", "popp"] or "pass show popp""#)
          }
        case "default-country": profile.defaultCountry = string(path, field)
        case "accent": profile.accent = string(path, field)
        case "hub": profile.hub = string(path, field)
        case "hub-fallback": profile.hubFallback = fallback(path, field)
        default:
          problem(path, "unknown profile setting \"\(key)\"; known: \(Self.profileKeys.joined(separator: ", "))")
        }
      }
      if fields["api-key"] != nil && fields["api-key-command"] != nil {
        problem(["profiles", name, "api-key-command"], "profiles.\(name) has both api-key and api-key-command; api-key-command is used")
      }
      profiles[name] = profile
    }
    if let defaultProfile, profiles[defaultProfile] == nil {
      problem(["profile"], "profile = \"\(defaultProfile)\" names no [profiles.\(defaultProfile)] section")
    }
  }
}
