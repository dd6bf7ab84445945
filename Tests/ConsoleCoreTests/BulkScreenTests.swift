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
    _ = state.handle(.character("b"))
    guard let prompt = state.mode(PromptMode.self), case .csvPath(let campaignId) = prompt.kind else {
      Issue.record("b asks for the file")
      return (state, try BulkPlan.prepare(data: Self.csv, settings: BulkImportSettings(channel: .whatsapp)))
    }
    #expect(campaignId == "c1")
    for character in "/tmp/x.csv" { _ = state.handle(.character(character)) }
    let effects = state.handle(.enter)
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
    _ = state.handle(.character("b"))
    #expect(state.modes.isEmpty)
    #expect(state.flash?.contains("Select a campaign") == true)
  }

  @Test func nothingIsSentBeforeYesAndRowsAlreadyThereAreLeftOutUnlessForced() throws {
    var (state, plan) = try stateWithPlan()
    var existing = ExistingContacts()
    existing.add(report: [BulkRowResult(line: 2, contact: BulkContact(firstName: "Ana", externalId: "A1"), status: .queued, reason: nil)])
    _ = state.apply(.bulkPrepared(path: "/tmp/x.csv", plan: plan, existing: existing))
    guard let screen = state.mode(BulkMode.self)?.screen else {
      Issue.record("the preview shows")
      return
    }
    #expect(screen.effectivePlan?.counts.ready == 1, "Ana is already in the campaign")
    #expect(screen.effectivePlan?.counts.alreadyInCampaign == 1)
    #expect(screen.effectivePlan?.counts.invalid == 1)
    #expect(state.handle(.character("f")).isEmpty)
    guard let forced = state.mode(BulkMode.self)?.screen else { return }
    #expect(forced.effectivePlan?.counts.ready == 2, "forced: Ana is sent again")
    _ = state.handle(.character("f"))
    _ = state.handle(.character("h"))
    let effects = state.handle(.character("y"))
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
    #expect(state.handle(.escape).isEmpty)
    #expect(state.modes.isEmpty)
    #expect(state.flash == "Nothing was sent.")
  }

  @Test func quittingWhileSendingAsksToStopAndStopsAfterTheBatchInFlight() throws {
    var (state, plan) = try stateWithPlan()
    _ = state.apply(.bulkPrepared(path: "/tmp/x.csv", plan: plan, existing: ExistingContacts()))
    _ = state.handle(.character("y"))
    _ = state.apply(.bulkProgress(BulkProgress(total: 2, sent: 1, queued: 1)))
    #expect(state.handle(.character("q")).isEmpty)
    #expect(!state.quitRequested, "q does not leave a launch half done")
    guard let screen = state.mode(BulkMode.self)?.screen, case .sending(let progress) = screen.phase else {
      Issue.record("still sending")
      return
    }
    #expect(screen.confirmingStop)
    #expect(progress.sent == 1)
    #expect(state.handle(.character("y")) == [.cancelBulk])
    let results = plan.results(sent: [
      BulkRowResult(line: 2, contact: plan.outgoing[0].contact, status: .queued, reason: nil),
      BulkRowResult(line: 3, contact: plan.outgoing[1].contact, status: .notSent, reason: BulkRowResult.cancelled),
    ])
    _ = state.apply(.bulkFinished(results: results, report: "/tmp/x.results.csv", reportError: nil))
    guard let finished = state.mode(BulkMode.self)?.screen else { return }
    #expect(finished.results(.all).count == 3)
    #expect(finished.results(.failed).map(\.line) == [3], "not sent counts with the failures to look at")
    _ = state.handle(.tab)
    guard let filtered = state.mode(BulkMode.self)?.screen else { return }
    #expect(filtered.filter == .failed)
    #expect(state.flash?.contains("results in /tmp/x.results.csv") == true)
  }
}
