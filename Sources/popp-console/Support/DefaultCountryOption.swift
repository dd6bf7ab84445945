import ArgumentParser
import ConsoleCore
import Foundation
import PoppAPI

/// The country whose national format phone numbers are read in (`07400 900123` in GB):
/// `--default-country CC`, else the config file's top-level `default-country = "GB"`, else
/// none (only international numbers are accepted). Every command that takes phone numbers
/// shares it through `@OptionGroup`.
struct DefaultCountryOption: ParsableArguments {
  @Option(
    name: .customLong("default-country"),
    help: ArgumentHelp(
      "Country (ISO code: GB, US, DE, ...) of phone numbers written without + and a country code; overrides default-country in config.toml (\"\" for none).",
      valueName: "CC"))
  var defaultCountry: String?

  /// The ISO code to read national numbers with, or `nil` for international numbers only.
  /// An unknown code is a usage error naming where it came from.
  /// `connection`: what the profile (or the file's top level) says, when already resolved.
  func resolve(
    environment: [String: String] = ProcessInfo.processInfo.environment, connection: ResolvedConnection? = nil
  ) throws -> String? {
    if let flag = defaultCountry {
      return try Self.check(flag, source: "--default-country")
    }
    if let connection {
      let file = ConsoleSetup.shown(ConsolePaths(environment: environment).configFile, environment: environment)
      let source =
        connection.profile?.defaultCountry != nil
        ? "default-country of profile \(connection.profile!.name) in \(file)" : "default-country in \(file)"
      return try connection.defaultCountry.flatMap { try Self.check($0, source: source) }
    }
    let document = RunConfig.document(environment: environment)
    guard let value = ConfigFile(document: document).defaultCountry else { return nil }
    return try Self.check(value, source: "default-country in \(document.file)")
  }

  /// The normaliser for `resolve(environment:)`'s country.
  func normalizer(
    environment: [String: String] = ProcessInfo.processInfo.environment, connection: ResolvedConnection? = nil
  ) throws -> PhoneNumberNormalizer {
    PhoneNumberNormalizer(defaultCountry: try resolve(environment: environment, connection: connection))
  }

  static func check(_ value: String, source: String) throws -> String? {
    let code = value.trimmingCharacters(in: .whitespaces)
    if code.isEmpty { return nil }
    guard let country = PhoneNumberNormalizer.country(code) else {
      throw CLIError(
        message: "\(source): \"\(Output.clean(code))\" is not a country this program knows; use an ISO 3166-1 code such as"
          + " GB, US or DE (it knows the \(PhoneNumberNormalizer.knownCountryCodes.count) of libphonenumber)")
    }
    return country.code
  }
}
