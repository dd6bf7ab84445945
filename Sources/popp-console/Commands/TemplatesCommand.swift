import ArgumentParser
import PoppAPI

struct TemplatesCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "templates", abstract: "List the organization's message templates.",
    subcommands: [List.self], defaultSubcommand: List.self)

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List templates.")
    @OptionGroup var options: APIOptions

    func run() async throws {
      let templates = try await options.makeClient().listTemplates()
      if options.json { return try Output.json(templates) }
      Output.table(
        ["ID", "CHANNEL", "TYPE", "CAMPAIGN TYPE", "NAME"],
        templates.map {
          [$0.id, $0.channel?.rawValue ?? "", $0.type?.rawValue ?? "", $0.campaignType?.rawValue ?? "", Output.clean($0.name)]
        })
    }
  }
}
