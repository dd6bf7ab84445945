import ConsoleCore
import ConsoleUI
import Foundation
import SnapshotTesting
import Testing

/// The campaign form after a refused submit (problems beside their fields), and the CSV
/// launch's preview and results, with hostile text from the file shown inert.
@Suite(.snapshots(record: .missing)) struct LaunchSnapshotTests {
  @Test(arguments: PaneSnapshotTests.sizes) func campaignFormWithProblems(rows: Int, columns: Int) {
    var state = ConsoleFixture.state()
    _ = state.perform(.newCampaign)
    for key: Key in [.tab, .tab, .character("B"), .character("u"), .character("s"), .control("s")] {
      _ = state.handle(key)
    }
    let screen = ConsoleFixture.render(&state, rows: rows, columns: columns)
    assertSnapshot(of: screen.text, as: .lines, named: "\(columns)x\(rows)")
    #expect(screen.text.contains("✗"), "problems are shown beside their fields")
  }

  static let hostileCSV = Data(
    "First name,Last name,Phone\nAna,\u{1B}[31mRed,+14155550100\n\u{1B}]0;owned\u{07}Bob,Ok,+1 415 555 0101\nNo,Phone,123\n".utf8)

  func bulkState(_ phase: (BulkPlan) -> BulkScreen.Phase) throws -> AppState {
    var state = ConsoleFixture.state()
    let campaign = try #require(state.campaigns.first { !$0.channel.usesEmail })
    let plan = try BulkPlan.prepare(data: Self.hostileCSV, settings: BulkImportSettings(channel: campaign.channel))
    var screen = BulkScreen(campaign: campaign, path: "/home/recruiter/applicants.csv")
    screen.phase = phase(plan)
    state.close(BulkMode.self); state.open(BulkMode(screen))
    return state
  }

  @Test(arguments: PaneSnapshotTests.sizes) func bulkPreview(rows: Int, columns: Int) throws {
    var state = try bulkState { .preview(plan: $0, existing: ExistingContacts()) }
    let screen = ConsoleFixture.render(&state, rows: rows, columns: columns)
    assertSnapshot(of: screen.text, as: .lines, named: "\(columns)x\(rows)")
    #expect(screen.text.contains("ready to send:           2"))
    #expect(!screen.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "no control reaches the screen")
  }

  @Test(arguments: PaneSnapshotTests.sizes) func bulkResults(rows: Int, columns: Int) throws {
    var state = try bulkState { plan in
      let sent = plan.outgoing.map { BulkRowResult(line: $0.line, contact: $0.contact, status: .queued, reason: nil) }
      return .finished(results: plan.results(sent: sent), report: "/home/recruiter/applicants.results.csv", reportError: nil)
    }
    let screen = ConsoleFixture.render(&state, rows: rows, columns: columns)
    assertSnapshot(of: screen.text, as: .lines, named: "\(columns)x\(rows)")
    #expect(screen.text.contains("queued 2"))
  }
}
