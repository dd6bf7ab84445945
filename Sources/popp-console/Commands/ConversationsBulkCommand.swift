import ArgumentParser
import ConsoleCore
import Foundation
import PoppAPI
import PoppHub

extension ConversationsCommand {
  /// `conversations bulk`: launch a campaign's conversations from a CSV file, every row
  /// checked before anything is sent, with a results file beside the input.
  struct Bulk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Start conversations for every row of a CSV file.",
      discussion: """
        Columns are matched by header ("First Name", "Surname", "Mobile", "E-mail", "Candidate ID" and more); \
        --map FIELD="Header" chooses one (FIELD is firstName, lastName, name, phoneNumber, emailAddress, externalId, \
        openingMessage, additionalContext or closePreviousConversations; --map FIELD= leaves it unmapped).
        Every row is validated first; nothing is sent without confirmation (or --yes when stdin is not a terminal).
        Results go to FILE.results.csv beside the input; a re-run sends only rows not yet in the campaign (--force sends all).
        Exit codes: 0 every row queued or skipped; 1 some row failed, was not sent or was invalid; \
        2 usage, unreadable file, or nothing valid to send.
        """)

    @OptionGroup var options: APIOptions
    @Option(help: "The campaign id.") var campaign: String
    @Option(help: "The CSV file (UTF-8, comma or semicolon separated, header line first).", completion: Completions.csvFile)
    var csv: String
    @Flag(name: .customLong("business-hours"), help: "Send during the candidates' business hours.") var businessHours = false
    @OptionGroup var country: DefaultCountryOption
    @Option(
      name: .customLong("map"),
      help: ArgumentHelp("Read a field from a named column: firstName=\"Given\" (repeatable).", valueName: "FIELD=HEADER"))
    var mappings: [String] = []
    @Option(help: "Force the delimiter: , ; tab (default: detected from the header line).") var delimiter: String?
    @Option(name: .customLong("batch-size"), help: "Contacts per request (1 to 10000).") var batchSize = BulkSender.defaultBatchSize
    @Flag(name: .customLong("dry-run"), help: "Validate and preview; send nothing.") var dryRun = false
    @Flag(help: "Send without asking (required when stdin is not a terminal).") var yes = false
    @Flag(help: "Send rows even when the campaign already has them.") var force = false

    func validate() throws {
      guard (1...BulkConversationRequest.maximumContacts).contains(batchSize) else {
        throw ValidationError("--batch-size must be between 1 and \(BulkConversationRequest.maximumContacts)")
      }
      _ = try delimiterScalar()
      _ = try overrides()
      if let code = country.defaultCountry { _ = try DefaultCountryOption.check(code, source: "--default-country") }
    }

    func run() async throws {
      let input = URL(fileURLWithPath: csv)
      let connection = try options.resolve()
      let defaultCountry = try country.resolve(connection: connection)
      // Through a hub, its key makes every request and it audits each batch under this Unix user.
      let hub = try await options.hubRelay()
      let client: any PoppClient = try hub ?? HTTPPoppClient(configuration: connection.clientConfiguration())
      let launch = BulkLaunch(client: client, campaignId: campaign, input: input)
      let overrides = try overrides()
      let delimiter = try delimiterScalar()
      let prepared: BulkPreparation
      do throws(BulkLaunchError) {
        // --force still asks the server who is there (the sender's baseline after a lost
        // answer); only the previous results file goes unread.
        prepared = try await launch.prepare(
          defaultCountry: defaultCountry, overrides: overrides, delimiter: delimiter, readingPreviousResults: !force)
      } catch {
        throw Self.failure(error, csv: csv)
      }
      let target = prepared.campaign
      if let problem = prepared.existing.reportProblem { StandardError.print("warning: " + Output.clean(problem)) }
      let plan = prepared.plan(force: force)
      let counts = plan.counts
      let preview =
        ["Campaign: \(target.campaignTitle) (\(target.channel.rawValue), \(target.campaignStatus.rawValue))"] + plan.previewLines()

      if dryRun {
        if options.json {
          try Output.json(plan.results())
        } else {
          preview.forEach { print(Output.clean($0)) }
          print("Dry run: nothing sent.")
        }
        if counts.ready == 0 && counts.invalid > 0 { throw CLIError(message: "nothing valid to send: \(Self.notReady(counts))") }
        return
      }

      guard counts.ready > 0 else {
        preview.forEach { StandardError.print(Output.clean($0)) }
        if counts.invalid > 0 { throw CLIError(message: "nothing valid to send: \(Self.notReady(counts))") }
        StandardError.print(
          "Nothing to send: \(Self.notReady(counts)). \(Output.clean(launch.resultsFile.lastPathComponent)) is unchanged.")
        return
      }
      do throws(BulkLaunchError) {
        try BulkLaunch.requireLive(target)
      } catch {
        throw Self.failure(error, csv: csv)
      }
      try confirm(preview: preview, count: counts.ready, title: target.campaignTitle)

      let results = await send(plan, launch: launch, existing: prepared.existing)
      var writeProblem: String?
      do {
        try launch.record(
          results,
          audit: hub == nil ? AuditLog(path: AuditLog.path(in: ConsolePaths(environment: ProcessInfo.processInfo.environment))) : nil,
          organization: connection.settings.organizationId ?? "")
      } catch {
        writeProblem = "could not write \(launch.resultsFile.path): \(error)"
      }
      if options.json {
        try Output.json(results)
      } else {
        Output.table(
          ["LINE", "STATUS", "CONTACT", "NAME", "REASON"],
          results.map { result in
            let contact = target.channel.usesEmail ? result.contact.emailAddress : result.contact.phoneNumber
            let name = [result.contact.firstName, result.contact.lastName].compactMap { $0 }.joined(separator: " ")
            return [String(result.line), result.status.rawValue, contact ?? "", name, result.reason ?? ""]
          })
      }
      let summary = Self.summary(results)
      StandardError.print(summary + (writeProblem == nil ? "; results in \(Output.clean(launch.resultsFile.path))" : ""))
      if let writeProblem { throw CLIError(message: Output.clean(writeProblem), exitCode: ExitStatus.failure) }
      if results.contains(where: { $0.status != .queued && $0.status != .skipped }) {
        throw CLIError(message: "not every row was queued: \(summary)", exitCode: ExitStatus.failure)
      }
    }

    /// The CLI's way with each failure: network errors as every command has them (exit 1),
    /// a file problem with the columns found (exit 2), a campaign that is not LIVE (exit 1).
    private static func failure(_ error: BulkLaunchError, csv: String) -> any Error {
      switch error {
      case .campaignUnreadable(let error), .existingContactsUnreadable(let error):
        return error
      case .file(let error):
        if case .missingColumns(_, let mapping) = error {
          StandardError.print("Columns found:")
          for line in mapping.lines { StandardError.print("  " + Output.clean(line)) }
        }
        return CLIError(message: "\(Output.clean(csv)): " + Output.cleanMultiline(error.description))
      case .campaignNotLive:
        return CLIError(message: Output.clean(error.description), exitCode: ExitStatus.failure)
      }
    }

    /// Asks in a terminal; elsewhere requires --yes, so that a script never sends by accident.
    private func confirm(preview: [String], count: Int, title: String) throws {
      if yes {
        preview.forEach { StandardError.print(Output.clean($0)) }
        return
      }
      guard isatty(STDIN_FILENO) != 0 else {
        throw CLIError(message: "stdin is not a terminal: add --yes to send without asking (or --dry-run to preview)")
      }
      preview.forEach { StandardError.print(Output.clean($0)) }
      FileHandle.standardError.write(Data("Send \(BulkFormat.count(count)) conversations to \"\(Output.clean(title))\"? [y/N] ".utf8))
      let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
      guard answer == "y" || answer == "yes" else { throw CLIError(message: "nothing sent", exitCode: 0) }
    }

    /// Sends with a progress bar; Ctrl-C stops after the batch in flight, and the rows
    /// not sent are reported as such (the results file is still written).
    private func send(_ plan: BulkPlan, launch: BulkLaunch, existing: ExistingContacts) async -> [BulkRowResult] {
      let bar = ProgressBar()
      let businessHours = businessHours
      let batchSize = batchSize
      let task = Task {
        await launch.send(plan, existing: existing, businessHours: businessHours, batchSize: batchSize) { bar.update($0) }
      }
      signal(SIGINT, SIG_IGN)
      let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
      interrupt.setEventHandler {
        StandardError.print("\nstopping after the batch in flight…")
        task.cancel()
      }
      interrupt.resume()
      let results = await task.value
      interrupt.cancel()
      signal(SIGINT, SIG_DFL)
      bar.finish()
      return results
    }

    private func overrides() throws -> [ColumnOverride] {
      do {
        return try mappings.map { (text: String) throws(BulkFileError) in try ColumnOverride.parse(text) }
      } catch {
        throw ValidationError(error.description)
      }
    }

    private func delimiterScalar() throws -> Unicode.Scalar? {
      switch delimiter?.lowercased() {
      case nil: nil
      case ",", "comma": ","
      case ";", "semicolon": ";"
      case "tab", "\\t", "\t": "\t"
      case "|", "pipe": "|"
      case let other?: throw ValidationError("--delimiter must be , ; tab or |, not \"\(other)\"")
      }
    }

    static func notReady(_ counts: BulkCounts) -> String {
      var parts: [String] = []
      if counts.invalid > 0 { parts.append("\(BulkFormat.count(counts.invalid)) invalid") }
      if counts.duplicates > 0 { parts.append("\(BulkFormat.count(counts.duplicates)) duplicates in the file") }
      if counts.alreadyInCampaign > 0 { parts.append("\(BulkFormat.count(counts.alreadyInCampaign)) already in the campaign") }
      return "of \(BulkFormat.count(counts.rows)) rows, " + parts.joined(separator: ", ")
    }

    static func summary(_ results: [BulkRowResult]) -> String {
      let order: [BulkRowResult.Status] = [.queued, .failed, .notSent, .skipped, .invalid]
      return order.compactMap { status in
        let count = results.count { $0.status == status }
        return count == 0 && status != .queued ? nil : "\(status.rawValue) \(BulkFormat.count(count))"
      }.joined(separator: ", ")
    }
  }
}
