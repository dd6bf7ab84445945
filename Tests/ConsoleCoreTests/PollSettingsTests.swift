import ConsoleCore
import Testing

@Suite struct PollSettingsTests {
  @Test func defaultsAreThoseDocumented() {
    let settings = PollSettings()
    #expect(settings.interval(.thread) == 2)
    #expect(settings.interval(.head) == 5)
    #expect(settings.interval(.activeSet) == 5)
    #expect(settings.interval(.catalog) == 60)
    #expect(settings.interval(.sweep) == 300)
    #expect(settings.alerts.bell && settings.alerts.title && settings.alerts.notifyCommand.isEmpty)
  }

  @Test func theConfigSetsIntervalsAndAlerts() {
    let text = """
      theme = "dark"
      [polling]
      thread = 1.5
      head = 10
      sweep = 600
      server-filters = false
      [alerts]
      bell = false
      title = false
      notify-command = ["notify-send", "--urgency=critical", "Popp"]
      sla-minutes = 30
      """
    let (settings, problems) = PollSettingsLoader.apply(from: ConfigDocument(text: text, file: "config.toml"))
    #expect(problems.isEmpty, "\(problems)")
    #expect(settings.interval(.thread) == 1.5)
    #expect(settings.interval(.head) == 10)
    #expect(settings.interval(.activeSet) == 5)
    #expect(settings.interval(.sweep) == 600)
    #expect(!settings.useServerFilters)
    #expect(!settings.alerts.bell && !settings.alerts.title)
    #expect(settings.alerts.notifyCommand == ["notify-send", "--urgency=critical", "Popp"])
    #expect(settings.alerts.slaMinutes == 30)
  }

  @Test func mistakesAreReportedByLineAndSkipped() {
    let text = """
      [polling]
      head = 0
      activ = 3
      thread = "fast"
      catalog = 90
      [alerts]
      bell = "yes"
      notify-command = []
      """
    let (settings, problems) = PollSettingsLoader.apply(from: ConfigDocument(text: text, file: "config.toml"))
    #expect(settings.interval(.head) == 5, "a bad value keeps the default")
    #expect(settings.interval(.catalog) == 90, "good entries still apply")
    #expect(problems.map(\.line) == [2, 3, 4, 7, 8])
    #expect(problems[0].description == "config.toml:2: polling.head must be a number of seconds between 0.1 and 86400")
    #expect(problems[1].message.contains("unknown polling setting \"activ\""))
    #expect(problems[4].message.contains("notify-command must be a list of strings"))
  }
}

@Suite struct ComposerKeysLoaderTests {
  @Test func sendAndNewlineCanBeSwapped() {
    let (keys, problems) = ComposerKeysLoader.apply(
      from: ConfigDocument(text: "[composer]\nsend = \"C-s\"\nnewline = [\"Enter\", \"M-Enter\"]\n", file: "c.toml"))
    #expect(problems.isEmpty)
    #expect(keys.send == [.control("s")])
    #expect(keys.newline == [.enter, .altEnter])
    var bindings = Bindings.defaults
    bindings.useComposerKeys(keys)
    var composer = ComposerState()
    composer.insert("Hi")
    #expect(composer.handle(.enter, bindings: bindings) == nil)
    #expect(composer.text == "Hi\n")
    #expect(composer.handle(.control("s"), bindings: bindings) == .send)
  }

  @Test func mistakesAreReportedAndTheDefaultsKept() {
    let (keys, problems) = ComposerKeysLoader.apply(
      from: ConfigDocument(text: "[composer]\nsend = \"Ctrl-ü\"\nnewline = \"Enter\"\nsned = 1\n", file: "c.toml"))
    // Line 2: not a key (send keeps Enter); line 4: unknown; then Enter would both send and break the line.
    #expect(problems.compactMap(\.line).sorted() == [1, 2, 4])
    #expect(problems.contains { $0.message.contains("cannot both send and break the line") })
    #expect(keys == ComposerKeys(), "a clash falls back to the defaults")
  }
}
