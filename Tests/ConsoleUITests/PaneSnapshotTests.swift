import ConsoleCore
import ConsoleUI
import Foundation
import SnapshotTesting
import Testing

/// Every pane on the in-memory screen at 80×24 and 160×48. The reference files under
/// __Snapshots__ are what a recruiter sees; a change to them is a change to the product.
@Suite(.snapshots(record: .missing)) struct PaneSnapshotTests {
  static let sizes = [(24, 80), (48, 160)]

  @Test(arguments: sizes) func conversationList(rows: Int, columns: Int) {
    var state = ConsoleFixture.state()
    let screen = ConsoleFixture.render(&state, rows: rows, columns: columns)
    assertSnapshot(of: screen.text, as: .lines, named: "\(columns)x\(rows)")
  }

  @Test(arguments: sizes) func campaignsWithDetails(rows: Int, columns: Int) {
    var state = ConsoleFixture.state()
    state.focus = .campaigns
    _ = state.perform(.moveDown)
    _ = state.perform(.toggleDetails)
    let screen = ConsoleFixture.render(&state, rows: rows, columns: columns)
    assertSnapshot(of: screen.text, as: .lines, named: "\(columns)x\(rows)")
  }

  @Test(arguments: sizes) func threadWithHostileMessageAndOutcomes(rows: Int, columns: Int) {
    var state = ConsoleFixture.state()
    ConsoleFixture.withThread(&state)
    _ = state.perform(.toggleOutcomes)
    let screen = ConsoleFixture.render(&state, rows: rows, columns: columns)
    assertSnapshot(of: screen.text, as: .lines, named: "\(columns)x\(rows)")
  }

  @Test(arguments: sizes) func helpOverlay(rows: Int, columns: Int) {
    var state = ConsoleFixture.state()
    _ = state.perform(.help)
    let screen = ConsoleFixture.render(&state, rows: rows, columns: columns)
    assertSnapshot(of: screen.text, as: .lines, named: "\(columns)x\(rows)")
  }

  @Test(arguments: sizes) func filterPromptAndConfirmation(rows: Int, columns: Int) {
    var state = ConsoleFixture.state()
    _ = state.perform(.filter)
    for character in "zo" { _ = state.handle(.character(character)) }
    var screen = ConsoleFixture.render(&state, rows: rows, columns: columns)
    assertSnapshot(of: screen.text, as: .lines, named: "filter-\(columns)x\(rows)")
    _ = state.handle(.enter)
    _ = state.perform(.takeOver)
    screen = ConsoleFixture.render(&state, rows: rows, columns: columns)
    assertSnapshot(of: screen.text, as: .lines, named: "confirm-\(columns)x\(rows)")
  }
}

/// `T` over a taken-over thread: the channel's templates and the selected one's preview.
@Suite(.snapshots(record: .missing)) struct TemplatePickerSnapshotTests {
  @Test(arguments: PaneSnapshotTests.sizes) func picker(rows: Int, columns: Int) throws {
    var state = ConsoleFixture.state()
    let templates = [
      Template(
        id: "t1", name: "Recruiter will call", channel: .whatsapp, type: .reply, campaignType: nil,
        body: "Thanks {{CANDIDATE_FIRST_NAME}}! A recruiter will call you today about {{JOB_TITLE}}."),
      Template(
        id: "t2", name: "Evil\u{1B}]2;pwned\u{7} name", channel: .whatsapp, type: .followUp, campaignType: nil, body: "Still there?"),
      Template(id: "t3", name: "SMS only", channel: .sms, type: .reply, campaignType: nil, body: "Reply STOP to opt out"),
    ]
    _ = state.apply(.catalogUpdated(campaigns: ConsoleFixture.campaigns, templates: templates))
    let id = state.index.conversations.first { $0.isHumanTakeover }!.id
    _ = state.openThread(id)
    _ = state.perform(.template)
    let screen = ConsoleFixture.render(&state, rows: rows, columns: columns)
    assertSnapshot(of: screen.text, as: .lines, named: "\(columns)x\(rows)")
  }
}

/// What the polling service's news looks like: new, changed and unread rows; a STALE and an
/// OFFLINE status bar with the reason and the next retry.
@Suite(.snapshots(record: .missing)) struct LiveSnapshotTests {
  @Test(arguments: PaneSnapshotTests.sizes) func marksAndBanners(rows: Int, columns: Int) {
    var state = ConsoleFixture.state()
    let conversations = state.index.conversations
    _ = state.apply(
      .conversationsUpdated(
        index: state.index, changes: [],
        attention: Attention(
          marks: [conversations[0].id: .new, conversations[1].id: .changed], unread: [conversations[0].id, conversations[1].id]),
        alerting: true))
    var screen = ConsoleFixture.render(&state, rows: rows, columns: columns)
    assertSnapshot(of: screen.text, as: .lines, named: "marks-\(columns)x\(rows)")
    let retry = ConsoleFixture.now.addingTimeInterval(8)
    _ = state.apply(
      .health(
        SyncHealth(
          updatedAt: ConsoleFixture.now.addingTimeInterval(-95),
          problem: .init(isOffline: false, reason: "server error 500: \u{1B}[31mboom", nextRetryAt: retry))))
    screen = ConsoleFixture.render(&state, rows: rows, columns: columns)
    assertSnapshot(of: screen.lines.last ?? "", as: .lines, named: "stale-\(columns)x\(rows)")
    _ = state.apply(
      .health(
        SyncHealth(
          updatedAt: ConsoleFixture.now.addingTimeInterval(-7200),
          problem: .init(isOffline: true, reason: "cannot connect: Connection refused", nextRetryAt: retry))))
    screen = ConsoleFixture.render(&state, rows: rows, columns: columns)
    assertSnapshot(of: screen.lines.last ?? "", as: .lines, named: "offline-\(columns)x\(rows)")
  }
}

@Suite struct ScreenBehaviourTests {
  @Test func nothingHostileReachesACell() {
    for (rows, columns) in [(24, 80), (48, 160)] {
      var list = ConsoleFixture.state()
      var thread = ConsoleFixture.state()
      ConsoleFixture.withThread(&thread)
      let screens = [
        ConsoleFixture.render(&list, rows: rows, columns: columns), ConsoleFixture.render(&thread, rows: rows, columns: columns),
      ]
      for screen in screens {
        for row in screen.cells {
          for cell in row {
            #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
          }
        }
      }
      #expect(screens[1].text.contains("␛]0;pwned␇␛[2J␛[31mred"), "escape sequences show, inert")
      #expect(screens[0].text.contains("Evil␛[31m"), "even in names")
    }
  }

  @Test func wideCharactersKeepColumnsAligned() {
    var state = ConsoleFixture.state()
    let screen = ConsoleFixture.render(&state, rows: 48, columns: 160)
    let statuses = ["ongoing", "meeting req."].compactMap { screen.find($0)?.column }
    // Conversation rows: they end in an age ("3 min│"); campaign summaries also say "ongoing".
    let ongoingRows = screen.lines.enumerated().filter { $0.element.contains("ongoing") && $0.element.contains(" min│") }.map(\.offset)
    let columns = ongoingRows.compactMap { row -> Int? in
      // Only the conversations pane: right of the first separator.
      let cells = screen.cells[row].map(\.text)
      let paneStart = (cells.firstIndex(of: "│") ?? 0) + 1
      return cells.indices.dropFirst(paneStart).first { index in cells[index...].prefix(7).joined() == "ongoing" }
    }
    #expect(Set(columns).count == 1, "the status column lines up whatever script the names are in: \(columns)")
    #expect(!statuses.isEmpty)
  }

  @Test func theSelectedRowAndTheSandboxBadgeAreStyled() {
    var state = ConsoleFixture.state()
    let screen = ConsoleFixture.render(&state, rows: 24, columns: 80)
    let badge = screen.find("SANDBOX")!
    #expect(screen.role(row: badge.row, column: badge.column) == .badgeSandbox)
    let selected = screen.find("美咲")!
    #expect(screen.role(row: selected.row, column: selected.column) == .listSelected)
  }

  @Test func stackedLayoutShowsOnePaneAndWideShowsThree() {
    var state = ConsoleFixture.state()
    let narrow = ConsoleFixture.render(&state, rows: 24, columns: 80)
    #expect(state.isStacked)
    #expect(!narrow.text.contains(" Campaigns"))
    let wide = ConsoleFixture.render(&state, rows: 40, columns: 160)
    #expect(!state.isStacked)
    #expect(wide.text.contains(" Campaigns") && wide.text.contains(" Conversations") && wide.text.contains(" Thread"))
  }

  @Test func theListIsVirtualised() {
    var state = AppState(connection: ConnectionInfo(organizationId: "o", baseURL: URL(string: "http://127.0.0.1:1/v1")!, isSandbox: false))
    let many = (0..<20_000).map { ConsoleFixture.conversation("id\($0)", "Person", "\($0)", minutesAgo: Double($0)) }
    _ = state.apply(.loaded(campaigns: ConsoleFixture.campaigns, conversations: many, templates: [], at: ConsoleFixture.now))
    _ = state.perform(.moveBottom)
    let screen = ConsoleFixture.render(&state, rows: 24, columns: 80)
    #expect(screen.text.contains("Person 19999"))
    #expect(!screen.text.contains("Person 0 "))
  }

  @Test func theHelpIsGeneratedFromTheLiveKeymap() {
    var state = ConsoleFixture.state()
    _ = state.perform(.help)
    let (keymap, problems) = KeymapLoader.apply(from: ConfigDocument(text: "[keymap]\nquit = \"Q\"\n", file: "config.toml"))
    #expect(problems.isEmpty)
    let screen = ConsoleFixture.render(&state, rows: 60, columns: 160, keymap: keymap)
    let quitLine = screen.lines.first { $0.contains(":quit") }
    #expect(quitLine?.contains("Q ") == true)
  }
}
