import ConsoleCore
import Foundation
import Testing

/// `b` in the console: the path prompt, the preview nothing is sent before, the send, a stop
/// that waits for the batch in flight, and the results.
@Suite struct BulkScreenTests {
  static let csv = Data("First name,Phone,External id\nAna,+14155550100,A1\nBob,+14155550101,B2\nCy,12,C3\n".utf8)

  func stateWithPlan() throws -> (AppState, BulkPlan) {
    var state = Fixture.state()
    state.focus = .campaigns
    state.campaignSelection = 1
    _ = state.handle(.character("b"), keymap: .defaults)
    guard case .prompt(let prompt) = state.overlay, case .csvPath(let campaignId) = prompt.kind else {
      Issue.record("b asks for the file")
      return (state, try BulkPlan.prepare(data: Self.csv, settings: BulkImportSettings(channel: .whatsapp)))
    }
    #expect(campaignId == "c1")
    for character in "/tmp/x.csv" { _ = state.handle(.character(character), keymap: .defaults) }
    let effects = state.handle(.enter, keymap: .defaults)
    guard case .prepareBulk(let campaign, let path, _)? = effects.first else {
      Issue.record("Enter reads the file: \(effects)")
      return (state, try BulkPlan.prepare(data: Self.csv, settings: BulkImportSettings(channel: .whatsapp)))
    }
    #expect(campaign.id == "c1" && path == "/tmp/x.csv")
    let plan = try BulkPlan.prepare(data: Self.csv, settings: BulkImportSettings(channel: .whatsapp))
    return (state, plan)
  }

  @Test func onAllCampaignsBAsksForACampaign() {
    var state = Fixture.state()
    state.focus = .campaigns
    _ = state.handle(.character("b"), keymap: .defaults)
    #expect(state.overlay == nil)
    #expect(state.flash?.contains("Select a campaign") == true)
  }

  @Test func nothingIsSentBeforeYesAndRowsAlreadyThereAreLeftOutUnlessForced() throws {
    var (state, plan) = try stateWithPlan()
    var existing = ExistingContacts()
    existing.add(report: [BulkRowResult(line: 2, contact: BulkContact(firstName: "Ana", externalId: "A1"), status: .queued, reason: nil)])
    _ = state.apply(.bulkPrepared(path: "/tmp/x.csv", plan: plan, existing: existing))
    guard case .bulk(let screen) = state.overlay else {
      Issue.record("the preview shows")
      return
    }
    #expect(screen.effectivePlan?.counts.ready == 1, "Ana is already in the campaign")
    #expect(screen.effectivePlan?.counts.alreadyInCampaign == 1)
    #expect(screen.effectivePlan?.counts.invalid == 1)
    #expect(state.handle(.character("f"), keymap: .defaults).isEmpty)
    guard case .bulk(let forced) = state.overlay else { return }
    #expect(forced.effectivePlan?.counts.ready == 2, "forced: Ana is sent again")
    _ = state.handle(.character("f"), keymap: .defaults)
    _ = state.handle(.character("h"), keymap: .defaults)
    let effects = state.handle(.character("y"), keymap: .defaults)
    guard case .sendBulk(let campaignId, _, let sent, _, let businessHours)? = effects.first else {
      Issue.record("y sends: \(effects)")
      return
    }
    #expect(campaignId == "c1")
    #expect(sent.outgoing.map(\.contact.firstName) == ["Bob"])
    #expect(businessHours == false, "h turned business hours off")
  }

  @Test func escapeBeforeSendingSendsNothing() throws {
    var (state, plan) = try stateWithPlan()
    _ = state.apply(.bulkPrepared(path: "/tmp/x.csv", plan: plan, existing: ExistingContacts()))
    #expect(state.handle(.escape, keymap: .defaults).isEmpty)
    #expect(state.overlay == nil)
    #expect(state.flash == "Nothing was sent.")
  }

  @Test func quittingWhileSendingAsksToStopAndStopsAfterTheBatchInFlight() throws {
    var (state, plan) = try stateWithPlan()
    _ = state.apply(.bulkPrepared(path: "/tmp/x.csv", plan: plan, existing: ExistingContacts()))
    _ = state.handle(.character("y"), keymap: .defaults)
    _ = state.apply(.bulkProgress(BulkProgress(total: 2, sent: 1, queued: 1)))
    #expect(state.handle(.character("q"), keymap: .defaults).isEmpty)
    #expect(!state.quitRequested, "q does not leave a launch half done")
    guard case .bulk(let screen) = state.overlay, case .sending(let progress) = screen.phase else {
      Issue.record("still sending")
      return
    }
    #expect(screen.confirmingStop)
    #expect(progress.sent == 1)
    #expect(state.handle(.character("y"), keymap: .defaults) == [.cancelBulk])
    let results = plan.results(sent: [
      BulkRowResult(line: 2, contact: plan.outgoing[0].contact, status: .queued, reason: nil),
      BulkRowResult(line: 3, contact: plan.outgoing[1].contact, status: .notSent, reason: BulkRowResult.cancelled),
    ])
    _ = state.apply(.bulkFinished(results: results, report: "/tmp/x.results.csv", reportError: nil))
    guard case .bulk(let finished) = state.overlay else { return }
    #expect(finished.results(.all).count == 3)
    #expect(finished.results(.failed).map(\.line) == [3], "not sent counts with the failures to look at")
    _ = state.handle(.tab, keymap: .defaults)
    guard case .bulk(let filtered) = state.overlay else { return }
    #expect(filtered.filter == .failed)
    #expect(state.flash?.contains("results in /tmp/x.results.csv") == true)
  }
}
