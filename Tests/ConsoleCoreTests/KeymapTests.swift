import ConsoleCore
import Testing

@Suite struct KeymapDefaultsTests {
  let keymap = Keymap.defaults

  private func command(_ notation: String) -> CommandName? {
    Key(notation: notation).flatMap { keymap.command(for: $0) }
  }

  @Test func movementMatchesDesign() {
    #expect(command("j") == .moveDown)
    #expect(command("Down") == .moveDown)
    #expect(command("k") == .moveUp)
    #expect(command("Up") == .moveUp)
    #expect(command("g") == .moveTop)
    #expect(command("Home") == .moveTop)
    #expect(command("G") == .moveBottom)
    #expect(command("End") == .moveBottom)
    #expect(command("PgDn") == .pageDown)
    #expect(command("C-f") == .pageDown)
    #expect(command("PgUp") == .pageUp)
    #expect(command("C-b") == .pageUp)
    #expect(command("Tab") == .nextPane)
    #expect(command("S-Tab") == .previousPane)
    #expect(command("Enter") == .open)
    #expect(command("Esc") == .back)
  }

  @Test func reviewLoopAndGeneralKeysMatchDesign() {
    #expect(command("n") == .nextReview)
    #expect(command("N") == .previousReview)
    #expect(command("t") == .takeOver)
    #expect(command("r") == .reply)
    #expect(command("T") == .template)
    #expect(command("h") == .handBack)
    #expect(command("d") == .toggleDetails)
    #expect(command("o") == .toggleOutcomes)
    #expect(command("R") == .refresh)
    #expect(command("C-l") == .redraw)
    #expect(command("?") == .help)
    #expect(command("q") == .quit)
    #expect(command("/") == .filter)
    #expect(command(":") == .commandPrompt)
  }

  @Test func numberKeysPickTheSixFiltersInOrder() {
    let filters: [CommandName] = [
      .filterAll, .filterNeedsReview, .filterOngoing, .filterTakenOver, .filterCompleted, .filterClosed,
    ]
    for (index, filter) in filters.enumerated() {
      #expect(command(String(index + 1)) == filter)
    }
    #expect(command("7") == nil)
  }

  @Test func keysAreListedInTheGivenOrder() {
    #expect(keymap.keys(for: .moveDown) == [.character("j"), .down])
    #expect(keymap.keys(for: .pageDown) == [.pageDown, .control("f")])
  }

  @Test func everyCommandHasAKeyAndNoKeyIsBoundTwice() {
    var seen: [Key: CommandName] = [:]
    for command in CommandName.allCases {
      let keys = keymap.keys(for: command)
      #expect(!keys.isEmpty, "\(command.rawValue) has no default key")
      for key in keys {
        #expect(seen[key] == nil, "\(key.notation) is bound to \(seen[key]?.rawValue ?? "") and \(command.rawValue)")
        seen[key] = command
        #expect(keymap.command(for: key) == command)
      }
    }
  }

  @Test func unboundKeysRunNothing() {
    #expect(keymap.command(for: .character("x")) == nil)
    #expect(keymap.command(for: .function(1)) == nil)
  }
}

@Suite struct KeymapHelpTests {
  @Test func helpListsEveryCommandExactlyOnceInItsGroup() {
    let sections = Keymap.defaults.helpSections
    #expect(sections.map(\.group) == ["Navigation", "Filters", "Conversation", "Campaign", "General"])
    let listed = sections.flatMap { section in section.entries.map(\.command) }
    #expect(listed.count == CommandName.allCases.count)
    #expect(Set(listed) == Set(CommandName.allCases))
    for section in sections {
      for entry in section.entries {
        #expect(entry.command.group == section.group)
        #expect(entry.keys == Keymap.defaults.keys(for: entry.command))
      }
    }
  }

  @Test func helpShowsTheLiveKeysAfterARebinding() {
    let (keymap, problems) = KeymapLoader.apply(
      from: ConfigDocument(text: "[keymap]\ntake-over = \"X\"\nquit = []\n", file: "config.toml"))
    #expect(problems.isEmpty)
    let entries = keymap.helpSections.flatMap(\.entries)
    #expect(entries.first { $0.command == .takeOver }?.keys == [.character("X")])
    // An unbound command stays in the help so people can still find it and run it from the `:` prompt.
    #expect(entries.first { $0.command == .quit }?.keys == [])
  }

  @Test func everyCommandHasASummary() {
    for command in CommandName.allCases {
      #expect(!command.summary.isEmpty)
    }
  }
}

@Suite struct CommandCompletionTests {
  @Test func completesPrefixesInSortedOrder() {
    #expect(
      CommandName.completions(for: "mo") == [.moveBottom, .moveDown, .moveTop, .moveUp])
    #expect(
      CommandName.completions(for: "filter-")
        == [.filterAll, .filterClosed, .filterCompleted, .filterNeedsReview, .filterOngoing, .filterTakenOver])
    #expect(CommandName.completions(for: "filter").first == .filter)
    #expect(CommandName.completions(for: "hand") == [.handBack])
  }

  @Test func emptyPrefixOffersEverythingAndNonsenseNothing() {
    #expect(CommandName.completions(for: "").count == CommandName.allCases.count)
    #expect(CommandName.completions(for: "zzz").isEmpty)
  }

  @Test func prefixIsCaseInsensitive() {
    #expect(CommandName.completions(for: "QU") == [.quit])
  }
}
