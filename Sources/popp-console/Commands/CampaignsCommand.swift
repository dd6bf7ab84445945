import ArgumentParser
import ConsoleCore
import Foundation
import PoppAPI

struct CampaignsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "campaigns", abstract: "List, show, create and update campaigns.",
    subcommands: [List.self, Show.self, Create.self, Update.self])

  /// A request body from a file, or standard input for `-`.
  static func read(_ file: String) throws -> Data {
    do {
      return file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
    } catch {
      throw CLIError(message: "cannot read \(file): \(error.localizedDescription)")
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the organization's campaigns.")
    @OptionGroup var options: APIOptions
    @Option(help: "Only campaigns in this status (DRAFT, LIVE, ARCHIVED).", completion: Completions.campaignStatuses) var status: String?

    func run() async throws {
      let client = try await options.makeClient()
      let campaigns = try await client.allCampaigns(status: status.map { CampaignStatus(rawValue: $0.uppercased()) }, pageSize: 100)
        .collect()
      if options.json { return try Output.json(campaigns) }
      Output.table(
        ["ID", "STATUS", "CHANNEL", "TYPE", "CLOSING", "TITLE"],
        campaigns.map {
          [
            $0.id, $0.campaignStatus.rawValue, $0.channel.rawValue, $0.type.rawValue, $0.closingMethod.rawValue,
            Output.clean($0.campaignTitle),
          ]
        })
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one campaign in full.")
    @OptionGroup var options: APIOptions
    @Argument(help: "The campaign id.") var id: String

    func run() async throws {
      let campaign = try await options.makeClient().campaign(id: id)
      if options.json { return try Output.json(campaign) }
      CampaignPrinter.print(campaign)
    }
  }

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Create a campaign from a JSON file holding the request body (see the README).")
    @OptionGroup var options: APIOptions
    @Option(name: .long, help: "JSON file with the campaign create request ('-' for standard input).", completion: Completions.jsonFile)
    var file: String

    func run() async throws {
      let data = try CampaignsCommand.read(file)
      let request: CampaignCreateRequest
      do { request = try PoppJSON.makeDecoder().decode(CampaignCreateRequest.self, from: data) } catch {
        throw CLIError(message: "\(file): \(PoppJSON.describe(error))")
      }
      let client = try await options.makeClient()
      let templates = try await client.listTemplates()
      let byId = Dictionary(templates.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
      let problems = CampaignValidation.errors(in: request) { id in byId[id].map { .found($0) } ?? .missing }
      if !problems.isEmpty {
        throw CLIError(message: "\(file) is not a valid campaign:\n" + problems.map { "  - \($0)" }.joined(separator: "\n"))
      }
      let campaign = try await client.createCampaign(request)
      if options.json { return try Output.json(campaign) }
      print(Output.clean("created campaign \(campaign.id)"))
      CampaignPrinter.print(campaign)
    }
  }
}

extension CampaignsCommand {
  struct Update: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Change a campaign: a PATCH body from a JSON file and/or --status, --title, --description.",
      discussion: """
        The campaign as it would stand after the change is checked against the contract's rules before anything \
        is sent; questions and the campaign type cannot change. Archiving, and taking a DRAFT campaign LIVE, \
        ask for confirmation on a terminal; without one, every status change needs --yes.
        """)
    @OptionGroup var options: APIOptions
    @Argument(help: "The campaign id.") var id: String
    @Option(
      name: .long, help: "JSON file with the fields to change ('-' for standard input); the flags below override it.",
      completion: Completions.jsonFile)
    var file: String?
    @Option(help: "New status: DRAFT, LIVE or ARCHIVED.", completion: Completions.campaignStatuses) var status: String?
    @Option(help: "New title.") var title: String?
    @Option(name: .customLong("description"), help: "New description.") var campaignDescription: String?
    @Flag(name: .long, help: "Change the status without asking (required for status changes when not on a terminal).") var yes = false

    /// The fields a PATCH may hold, as on the wire.
    static let updatableFields: Set<String> = Set(CampaignField.allCases.map(\.rawValue)).subtracting(["questions", "campaignType"])

    func validate() throws {
      if file == nil && status == nil && title == nil && campaignDescription == nil {
        throw ValidationError("give --file or at least one of --status, --title and --description")
      }
      if let status, !CampaignStatus(rawValue: status.uppercased()).isKnown {
        throw ValidationError("--status must be \(CampaignStatus.knownValuesList), not \"\(status)\"")
      }
    }

    /// The body from `--file`: a JSON object of updatable fields, none of them null.
    static func update(fromFile file: String) throws -> CampaignUpdateRequest {
      let data = try CampaignsCommand.read(file)
      let name = file == "-" ? "standard input" : file
      guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw CLIError(message: "\(name) must hold a JSON object of the fields to change")
      }
      for fixed in ["questions", "campaignType"] where object[fixed] != nil {
        throw CLIError(message: "\(name): \(fixed) cannot be changed after a campaign is created (create a new campaign instead)")
      }
      let unknown = object.keys.filter { !updatableFields.contains($0) }.sorted()
      if !unknown.isEmpty {
        throw CLIError(
          message: Output.clean(
            "\(name): unknown field\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")); a campaign update may hold "
              + updatableFields.sorted().joined(separator: ", ")))
      }
      let nulls = object.filter { $0.value is NSNull }.keys.sorted()
      if !nulls.isEmpty {
        throw CLIError(
          message: "\(name): \(nulls.joined(separator: ", ")) cannot be null (a field cannot be cleared; leave it out to keep it)")
      }
      do { return try PoppJSON.makeDecoder().decode(CampaignUpdateRequest.self, from: data) } catch {
        throw CLIError(message: "\(name): \(PoppJSON.describe(error))")
      }
    }

    /// Whether a person must confirm going from `old` to `new`: archiving, and going live.
    static func needsConfirmation(from old: CampaignStatus, to new: CampaignStatus) -> Bool {
      new == .archived || (old == .draft && new == .live)
    }

    func run() async throws {
      var update = try file.map(Self.update(fromFile:)) ?? CampaignUpdateRequest()
      if let status { update.campaignStatus = CampaignStatus(rawValue: status.uppercased()) }
      if let title { update.campaignTitle = title }
      if let campaignDescription { update.campaignDescription = campaignDescription }

      let client = try await options.makeClient()
      let campaign = try await client.campaign(id: id)
      // Templates are looked up only when the change touches the opening message.
      var lookup: CampaignValidation.TemplateLookup = { _ in .unknown }
      if update.openingMessageTemplateId != nil || update.channel != nil || update.customTemplatedMessage != nil {
        let templates = try await client.listTemplates()
        let byId = Dictionary(templates.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        lookup = { id in byId[id].map { .found($0) } ?? .missing }
      }
      let problems = CampaignValidation.errors(afterApplying: update, to: campaign, template: lookup)
      if !problems.isEmpty {
        throw CLIError(
          message: Output.cleanMultiline(
            "the change would leave campaign \(id) invalid:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")))
      }
      if let new = update.campaignStatus, new != campaign.campaignStatus, !yes {
        try confirm(campaign, to: new)
      }
      let updated = try await client.updateCampaign(id: id, update)
      if options.json { return try Output.json(updated) }
      print(Output.clean("updated campaign \(updated.id)"))
      CampaignPrinter.print(updated)
    }

    /// Asks on the terminal before archiving or going live; refuses any status change without
    /// `--yes` when nobody can be asked.
    func confirm(_ campaign: Campaign, to new: CampaignStatus) throws {
      let change = "\(campaign.campaignStatus.rawValue) → \(new.rawValue)"
      guard file != "-", isatty(STDIN_FILENO) != 0 else {
        throw CLIError(
          message: Output.clean("changing the status of campaign \(campaign.id) (\(change)) needs --yes when not run from a terminal"))
      }
      guard Self.needsConfirmation(from: campaign.campaignStatus, to: new) else { return }
      let what =
        new == .archived
        ? "Archive campaign \"\(campaign.campaignTitle)\" (\(change))? No new conversations can start on it."
        : "Take campaign \"\(campaign.campaignTitle)\" live (\(change))? New conversations can then start reaching candidates."
      FileHandle.standardError.write(Data(Output.clean(what + " [y/N] ").utf8))
      let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
      guard answer == "y" || answer == "yes" else {
        throw CLIError(message: "cancelled: campaign \(Output.clean(campaign.id)) was not changed", exitCode: ExitStatus.failure)
      }
    }
  }
}

enum CampaignPrinter {
  static func print(_ campaign: Campaign) {
    func line(_ label: String, _ value: String?) {
      guard let value, !value.isEmpty else { return }
      Swift.print(label.padding(toLength: 18, withPad: " ", startingAt: 0) + Output.clean(value))
    }
    line("id", campaign.id)
    line("title", campaign.campaignTitle)
    line("status", campaign.campaignStatus.rawValue)
    line("type", campaign.type.rawValue)
    line("channel", campaign.channel.rawValue)
    line("closing", [campaign.closingMethod.rawValue, campaign.closingCompanion].compactMap { $0 }.joined(separator: ": "))
    line("company", campaign.company)
    line("location", campaign.location)
    line("agent", campaign.agent.map { "\($0.agentName ?? "?") (\($0.agentTone?.rawValue ?? "?"))" })
    line("opening template", campaign.templateId)
    line("custom opening", campaign.customTemplatedMessage)
    line("external id", campaign.externalId)
    line("description", campaign.campaignDescription)
    for (index, question) in campaign.questions.enumerated() {
      let what =
        question.questionType == .document ? "documents: " + (question.documentTypes ?? []).joined(separator: ", ") : question.content ?? ""
      line(index == 0 ? "questions" : "", "\(index + 1). \(what)\(question.gatesResult ? " (mandatory)" : "")")
    }
  }
}
