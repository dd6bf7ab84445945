import ArgumentParser
import ConsoleCore
import Foundation
import PoppAPI

/// What the shell completions offer for the options whose values are names of this domain
/// (`popp-console --generate-completion-script bash|zsh|fish`). Theme and profile names are looked up when Tab is
/// pressed: the completion script runs `popp-console ---completion …`, which calls these closures.
enum Completions {
  /// The themes this binary would find for the user pressing Tab: theirs, then the installed ones
  /// (`ConsolePaths.themeDirectories`).
  static var themeNames: CompletionKind {
    .custom { _, _, typed in
      let environment = ProcessInfo.processInfo.environment
      let directories = ConsolePaths(environment: environment).themeDirectories(executable: ConsolePaths.runningExecutable)
      return matching(ThemeLoader.available(in: directories), typed)
    }
  }

  /// The `[profiles.NAME]` of the user's config file. Only the names are read: no `api-key-command` runs.
  static var profileNames: CompletionKind {
    .custom { _, _, typed in
      let document = RunConfig.document(environment: ProcessInfo.processInfo.environment)
      return matching(ConfigFile(document: document).profiles.keys.sorted(), typed)
    }
  }

  /// What `conversations list --status` accepts: the contract's conversation statuses.
  static var conversationStatuses: CompletionKind { .list(ConversationStatus.knownCases.map(\.rawValue)) }

  /// What `campaigns list --status` and `campaigns update --status` accept.
  static var campaignStatuses: CompletionKind { .list(CampaignStatus.knownCases.map(\.rawValue)) }

  /// `conversations bulk --csv`: the spreadsheet exports it reads (tab-separated ones are often saved as .tsv or .txt).
  static var csvFile: CompletionKind { .file(extensions: ["csv", "tsv", "txt"]) }

  /// Request bodies of `campaigns create --file` and `campaigns update --file`.
  static var jsonFile: CompletionKind { .file(extensions: ["json"]) }

  /// A Unix socket (`--hub`, `--socket`): any file, since shells have no filter for sockets.
  static var socketFile: CompletionKind { .file() }

  /// The names that extend what is typed so far (the shells filter as well; this keeps the answer to what is asked).
  static func matching(_ names: [String], _ typed: String) -> [String] {
    names.filter { $0.hasPrefix(typed) }
  }
}
