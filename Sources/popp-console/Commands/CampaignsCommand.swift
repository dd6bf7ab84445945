import ArgumentParser
import ConsoleCore
import Foundation
import PoppAPI

struct CampaignsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "campaigns", abstract: "List, show and create campaigns.",
    subcommands: [List.self, Show.self, Create.self])

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the organization's campaigns.")
    @OptionGroup var options: APIOptions
    @Option(help: "Only campaigns in this status (DRAFT, LIVE, ARCHIVED).") var status: String?

    func run() async throws {
      let client = try options.makeClient()
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
    @Option(name: .long, help: "JSON file with the campaign create request ('-' for standard input).") var file: String

    func run() async throws {
      let data: Data
      do {
        data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
      } catch {
        throw CLIError(message: "cannot read \(file): \(error.localizedDescription)")
      }
      let request: CampaignCreateRequest
      do { request = try PoppJSON.makeDecoder().decode(CampaignCreateRequest.self, from: data) } catch {
        throw CLIError(message: "\(file): \(PoppJSON.describe(error))")
      }
      let client = try options.makeClient()
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
