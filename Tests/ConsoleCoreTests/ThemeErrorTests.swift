import ConsoleCore
import Foundation
import Testing

/// A mistake in a theme file must say exactly where it is, and must never keep the console from starting.
@Suite struct ThemeErrorTests {
  private func parseError(_ text: String, file: String = "themes/broken.toml") -> ThemeError? {
    do {
      _ = try ThemeLoader.parse(text, file: file)
      return nil
    } catch {
      return error
    }
  }

  @Test func aBadColourNamesFileLineAndRole() throws {
    let text = """
      name = "Broken"

      [roles."text.normal"]
      fg = "default"

      [roles."list.selected"]
      bg = "#005f87"
      fg = "#zz0000"
      """
    let error = try #require(parseError(text))
    #expect(error.file == "themes/broken.toml")
    #expect(error.line == 8)
    #expect(error.role == "list.selected")
    #expect(
      error.description
        == ##"themes/broken.toml:8: role "list.selected": fg "#zz0000" is not a colour (use #rrggbb, 0-255 or a colour name)"##)
  }

  @Test func anUnknownRoleIsNamedWithItsLineAndASuggestion() throws {
    let error = try #require(parseError("name = \"x\"\n\n[roles.\"list.selcted\"]\nfg = \"red\"\n"))
    #expect(error.line == 3)
    #expect(error.role == "list.selcted")
    #expect(error.description.contains("unknown role"))
    #expect(error.description.contains("did you mean \"list.selected\""))
  }

  @Test func aSyntaxErrorGivesTheLineTOMLReports() throws {
    let error = try #require(parseError("name = \"x\"\n[roles.\"list.new\"]\nfg = \"#ff0000\n"))
    #expect(error.line == 3)
    #expect(error.role == nil)
    #expect(error.description.hasPrefix("themes/broken.toml:3: TOML syntax"))
  }

  @Test func unknownKeysAreRefusedNotIgnored() throws {
    let topLevel = try #require(parseError("name = \"x\"\ncolours = 3\n"))
    #expect(topLevel.line == 2)
    #expect(topLevel.description.contains("unknown key \"colours\""))

    let inRole = try #require(parseError("[roles.\"list.new\"]\nfg = \"red\"\nforeground = \"blue\"\n"))
    #expect(inRole.line == 3)
    #expect(inRole.role == "list.new")
    #expect(inRole.description.contains("unknown key \"foreground\""))
  }

  @Test func badAttributesAndWrongTypesAreReported() throws {
    let attribute = try #require(parseError("[roles.\"prompt\"]\nattrs = [\"bold\", \"blink\"]\n"))
    #expect(attribute.line == 2)
    #expect(attribute.role == "prompt")
    #expect(attribute.description.contains("\"blink\" is not an attribute"))

    let notAList = try #require(parseError("[roles.\"prompt\"]\nmono = \"bold\"\n"))
    #expect(notAList.description.contains("mono must be a list"))

    let boolean = try #require(parseError("[roles.\"prompt\"]\nfg = true\n"))
    #expect(boolean.line == 2)
    #expect(boolean.description.contains("fg must be a colour"))

    let outOfRange = try #require(parseError("[roles.\"prompt\"]\nfg = 300\n"))
    #expect(outOfRange.description.contains("fg 300 is not a colour (use 0-255)"))

    let brightIn8 = try #require(parseError("[roles.\"prompt\"]\nfg = \"#ff0000\"\nfg8 = \"bright-red\"\n"))
    #expect(brightIn8.line == 3)
    #expect(brightIn8.description.contains("does not exist with 8 colours"))

    let nameNotString = try #require(parseError("name = 3\n"))
    #expect(nameNotString.line == 1)
    #expect(nameNotString.description.contains("name must be a string"))
  }

  @Test func paletteMistakesAreReported() throws {
    let shadowing = try #require(parseError("[palette]\nred = \"#ff0000\"\n"))
    #expect(shadowing.line == 2)
    #expect(shadowing.description.contains("would hide the colour name"))

    let unknownName = try #require(parseError("[palette]\nbrand = \"#ff0000\"\n[roles.\"prompt\"]\nfg = \"brnad\"\n"))
    #expect(unknownName.line == 4)
    #expect(unknownName.description.contains("fg \"brnad\" is not a colour"))
  }

  /// Inline tables and dotted keys are ordinary TOML; their mistakes are placed just as well.
  @Test func linesAreFoundInEveryTOMLSpelling() throws {
    let inline = try #require(
      parseError(
        """
        description = \"\"\"
        a [roles] table = "not really"
        \"\"\"
        [roles]
        "list.new" = { fg = "green", attrs = ["bold"] }
        "list.changed" = { fg = "cyan", bg = "nope" }
        """))
    #expect(inline.line == 6)
    #expect(inline.role == "list.changed")

    let dotted = try #require(parseError("roles.\"list.new\".fg = \"green\"\nroles.\"list.new\".bg = \"#12\"\n"))
    #expect(dotted.line == 2)
    #expect(dotted.role == "list.new")
  }

  @Test func theFirstMistakeInTheFileIsTheOneReported() throws {
    let error = try #require(
      parseError("[roles.\"tab.active\"]\nfg = \"bad1\"\n[roles.\"badge.sandbox\"]\nfg = \"bad2\"\n"))
    #expect(error.line == 2)
    #expect(error.role == "tab.active")
  }

  @Test func aRoleMissingFromAFileFallsBackToTheDefaultTheme() throws {
    let theme = try ThemeLoader.parse("name = \"Tiny\"\n[roles.\"list.new\"]\nfg = \"#00ff00\"\n", file: "tiny.toml")
    #expect(theme.name == "Tiny")
    #expect(theme.style(.listNew, tier: .trueColor).foreground == .rgb(0, 255, 0))
    for tier in ColorTier.allCases {
      #expect(theme.style(.badgeSandbox, tier: tier) == Theme.builtInDefault.style(.badgeSandbox, tier: tier))
    }
  }

  @Test func aThemeWithoutNameIsNamedAfterItsFile() throws {
    #expect(try ThemeLoader.parse("", file: "/somewhere/ocean.toml").name == "ocean")
  }

  @Test func loadFallsBackToTheBuiltInDefaultAndReturnsTheError() throws {
    let folder = try ThemeTestSupport.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("broken.toml")
    try "name = \"Broken\"\n\n[roles.\"list.selected\"]\nfg = \"#zz0000\"\n".write(to: file, atomically: true, encoding: .utf8)

    let (theme, error) = ThemeLoader.load(named: "broken", searchDirectories: [folder])
    let reported = try #require(error)
    #expect(reported.file == file.path)
    #expect(reported.line == 4)
    #expect(reported.role == "list.selected")
    #expect(reported.description.hasPrefix("\(file.path):4: role \"list.selected\": "))
    #expect(theme.name == Theme.builtInDefault.name)
    #expect(theme.style(.listSelected, tier: .c256) == Theme.builtInDefault.style(.listSelected, tier: .c256))
  }

  @Test func aMissingThemeSaysWhichOnesExist() {
    let (theme, error) = ThemeLoader.load(named: "neon", searchDirectories: [ThemeTestSupport.shippedThemesFolder])
    #expect(theme.name == Theme.builtInDefault.name)
    #expect(error?.description.contains("no theme named \"neon\"") == true)
    #expect(error?.description.contains("light") == true)
  }

  @Test func aNameCannotReachOutsideTheThemeFolders() {
    let (_, error) = ThemeLoader.load(named: "../themes/light", searchDirectories: [ThemeTestSupport.shippedThemesFolder])
    #expect(error != nil)
  }

  @Test func theFirstFolderWithTheThemeWins() throws {
    let mine = try ThemeTestSupport.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: mine) }
    try "name = \"My light\"\n".write(to: mine.appendingPathComponent("light.toml"), atomically: true, encoding: .utf8)
    try "name = \"Extra\"\n".write(to: mine.appendingPathComponent("extra.toml"), atomically: true, encoding: .utf8)
    let folders = [mine, ThemeTestSupport.shippedThemesFolder]

    let (theme, error) = ThemeLoader.load(named: "light", searchDirectories: folders)
    #expect(error == nil)
    #expect(theme.name == "My light")
    let (shipped, _) = ThemeLoader.load(named: "light", searchDirectories: folders.reversed())
    #expect(shipped.name == "Light")
    #expect(
      ThemeLoader.available(in: folders) == ["default-dark", "extra", "gruvbox", "high-contrast", "light", "monochrome", "solarized-dark"])
  }

  @Test func missingFoldersAreSkipped() {
    let nowhere = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)")
    #expect(ThemeLoader.available(in: [nowhere]).isEmpty)
    #expect(ThemeLoader.available(in: [nowhere, ThemeTestSupport.shippedThemesFolder]).contains("monochrome"))
  }
}
