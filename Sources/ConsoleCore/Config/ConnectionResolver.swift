public import Foundation
public import PoppAPI

/// Where a command connects, from flags, the environment and the config file, in that order
/// of precedence, and which of them supplied each value (for `doctor`).
public struct ResolvedConnection: Sendable {
  public var settings: ConnectionSettings
  /// The profile in use, if any.
  public var profile: Profile?
  /// What supplied the organization, the base URL and the key: a variable's name, a profile.
  public var sources: [Field: String]
  /// The profile's `default-country`, else the file's.
  public var defaultCountry: String?
  /// Every profile of the file, for `:profile` and `doctor`.
  public var profileNames: [String]
  /// The team's hub to attach to (`POPP_HUB`, the profile's `hub`, the file's), with where it was named.
  public var hub: (path: String, source: String)?
  public var hubFallback: HubFallback = .wait
  /// The config file the profiles were read from (for messages that say which line to add).
  public var configPath = ""

  public enum Field: String, Sendable, CaseIterable {
    case organization, baseURL = "base URL", apiKey = "API key"
  }
}

public enum ConnectionResolver {
  public static let profileVariable = "POPP_PROFILE"
  public static let hubVariable = "POPP_HUB"

  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// - Parameters:
  ///   - profileFlag: `--profile NAME` (beats `POPP_PROFILE`, which beats `profile = ` in the file).
  ///   - configPath: the file `config` was read from, for the permission check and messages.
  public static func resolve(
    profileFlag: String?, environment: [String: String], config: ConfigFile, configPath: String
  ) throws(Failure) -> ResolvedConnection {
    do {
      try ConfigFileSecurity.check(configPath, holdsAPIKey: config.holdsAPIKey)
    } catch {
      throw Failure(description: error.description)
    }
    func variable(_ name: String) -> String? {
      environment[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }
    let names = config.profiles.keys.sorted()
    var chosen: (name: String, source: String)? =
      profileFlag.map { ($0, "--profile") } ?? variable(profileVariable).map { ($0, profileVariable) }
      ?? config.defaultProfile.map { ($0, "profile in \(configPath)") }
    // A file with one profile means that profile: nobody should have to name the only one.
    if chosen == nil, names.count == 1 { chosen = (names[0], "the only profile in \(configPath)") }
    var profile: Profile?
    if let chosen {
      guard let found = config.profiles[chosen.name] else {
        let known = names.isEmpty ? "the file has no [profiles.NAME] sections" : "known: \(names.joined(separator: ", "))"
        throw Failure(description: "\(chosen.source) names profile \"\(chosen.name)\", which \(configPath) does not define (\(known))")
      }
      profile = found
    }
    var sources: [ResolvedConnection.Field: String] = [:]
    let profileLabel = profile.map { "profile \($0.name)" } ?? ""

    var baseURL = ClientConfiguration.defaultBaseURL
    if let raw = variable(ConnectionSettings.baseURLVariable) {
      guard let url = URL(string: raw), url.scheme != nil, url.host != nil else {
        throw Failure(
          description: "\(ConnectionSettings.baseURLVariable) is not a URL: \"\(raw)\" (expected e.g. https://api.joinpopp.com/v1)")
      }
      baseURL = url
      sources[.baseURL] = ConnectionSettings.baseURLVariable
    } else if let url = profile?.baseURL {
      baseURL = url
      sources[.baseURL] = profileLabel
    } else {
      sources[.baseURL] = "default"
    }

    var organization = variable(ConnectionSettings.organizationVariable)
    if organization != nil {
      sources[.organization] = ConnectionSettings.organizationVariable
    } else if let id = profile?.organizationId {
      organization = id
      sources[.organization] = profileLabel
    }

    var key = variable(ConnectionSettings.apiKeyVariable)
    if key != nil {
      sources[.apiKey] = ConnectionSettings.apiKeyVariable
    } else if let source = profile?.apiKey {
      do {
        key = try KeyCommand.run(source, environment: environment)
      } catch {
        throw Failure(description: "profile \(profile?.name ?? ""): \(error.description)")
      }
      sources[.apiKey] = "\(profileLabel) (\(source.summary))"
    }
    var resolved = ResolvedConnection(
      settings: ConnectionSettings(baseURL: baseURL, organizationId: organization, apiKey: key), profile: profile, sources: sources,
      defaultCountry: profile?.defaultCountry ?? config.defaultCountry, profileNames: names)
    resolved.hub =
      variable(hubVariable).map { ($0, hubVariable) } ?? profile?.hub.map { ($0, "hub in \(profileLabel)") }
      ?? config.hub.map { ($0, "hub in \(configPath)") }
    resolved.hubFallback = profile?.hubFallback ?? config.hubFallback ?? .wait
    resolved.configPath = configPath
    return resolved
  }
}
