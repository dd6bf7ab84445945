import Foundation
import PoppSandbox
import Synchronization
import Testing

@testable import ConsoleCore

/// A bulk launch against a real sandbox on loopback: the server's verdict per row by line
/// number, re-runs that send only what was not queued, and lost answers that never turn
/// into a second conversation.
@Suite(.serialized) struct BulkLaunchTests {
  @Test func resultsMatchTheServersVerdictRowByRowByLineNumber() async throws {
    let harness = try await BulkLaunchHarness.start()
    let file = try harness.csv(
      """
      First Name,Last Name,Mobile,Candidate ID,Notes
      Ada,Lovelace,+447400900001,A-1,"likes maths,
      and poetry"
      Bob,,07400 900002,B-2,

      ,Nameless,+447400900003,C-3,
      Dee,Smith,+447400900004,D-4,

      """)
    let plan = try harness.plan(file)
    #expect(plan.rows.map(\.line) == [2, 4, 6, 7])
    #expect(plan.counts.ready == 2 && plan.counts.invalid == 2)
    // The invalid rows go too, as they are, so the server's own verdict can be compared
    // with the local one: the server must refuse each of them, alone, on its own line.
    let everything = plan.rows.map {
      BulkOutgoing(line: $0.line, contact: $0.contact, key: ContactKey(.externalId, $0.contact.externalId!))
    }
    let existing = try await ExistingContacts.fetch(client: harness.client, campaignId: harness.campaign.id)
    let sent = await BulkSender(client: harness.client, campaignId: harness.campaign.id, batchSize: 3).send(everything, existing: existing)

    #expect(sent.map(\.line) == [2, 4, 6, 7])
    #expect(sent.map(\.status) == [.queued, .failed, .failed, .queued])
    #expect(sent[1].reason?.hasPrefix("phoneNumber must be in E.164 format") == true, "\(sent[1].reason ?? "")")
    #expect(sent[2].reason == "firstName is required")
    let local = plan.results()
    for (mine, theirs) in zip(local, sent) where mine.status == .invalid {
      #expect(theirs.status == .failed, "line \(mine.line): invalid here, and refused there")
    }
    let created = try await harness.conversations().filter { ["A-1", "D-4"].contains($0.externalId) }
    #expect(created.count == 2)
    #expect(created.first { $0.externalId == "A-1" }?.participantPhoneNumber == "+447400900001")
    await harness.stop()
  }

  @Test func aReRunAfterAPartialFailureSendsOnlyWhatWasNotQueued() async throws {
    let harness = try await BulkLaunchHarness.start()
    let file = try harness.csv("First Name,Last Name,Mobile,Candidate ID\n" + applicantRows(12) + "\n")
    let report = BulkReport.path(forInput: file)
    let before = try await harness.conversations().count

    // First run: batch 1 arrives; then every POST is dropped before the server acts, so
    // batch 2 is lost three times (and found nowhere), and the run stops before batch 3.
    let control = harness.control
    let flaky = BulkHookedClient(base: harness.client) { number in
      if number == 1 {
        _ = try? await control.setFaults(.init(dropConnectionRate: 1, dropConnectionPhase: "before", methods: ["POST"]))
      }
    }
    let plan = try harness.plan(file)
    let first = plan.results(
      sent: await BulkSender(client: flaky, campaignId: harness.campaign.id, batchSize: 4, settleDelay: 0).send(
        plan.outgoing, existing: try await ExistingContacts.fetch(client: harness.client, campaignId: harness.campaign.id)))
    try await harness.control.clearFaults()
    try BulkReport.write(first, campaignId: harness.campaign.id, to: report)
    #expect(
      first.map(\.status) == Array(repeating: .queued, count: 4) + Array(repeating: .failed, count: 4)
        + Array(repeating: .notSent, count: 4))
    #expect(flaky.sentContacts.map(\.count) == [4, 4, 4, 4], "batch 2 sent three times, batch 3 never")
    #expect(first[4].reason?.contains("not found in the campaign") == true)

    // The re-run skips the four that arrived and sends the other eight, once each.
    let existing = try await ExistingContacts.fetch(client: harness.client, campaignId: harness.campaign.id, previousReport: report)
    #expect(existing.rowsFromReport == 4)
    let again = try harness.plan(file).skipping(existing: existing)
    #expect(again.counts.alreadyInCampaign == 4 && again.counts.ready == 8)
    let recorder = BulkHookedClient(base: harness.client)
    let second = await BulkSender(client: recorder, campaignId: harness.campaign.id, batchSize: 4).send(again.outgoing, existing: existing)
    #expect(second.allSatisfy { $0.status == .queued })
    #expect(recorder.sentContacts.flatMap { $0 }.map(\.externalId) == (4..<12).map { "cand-\($0)" })

    let conversations = try await harness.conversations()
    #expect(conversations.count == before + 12)
    let ids = conversations.compactMap(\.externalId).filter { $0.hasPrefix("cand-") }
    #expect(ids.count == 12 && Set(ids).count == 12, "nobody got two conversations")
    await harness.stop()
  }

  @Test func aLostAnswerIsConfirmedFromTheCampaignAndNeverSentTwice() async throws {
    let harness = try await BulkLaunchHarness.start()
    let file = try harness.csv("First Name,Last Name,Mobile,Candidate ID\n" + applicantRows(10) + "\n")
    let plan = try harness.plan(file)
    let existing = try await ExistingContacts.fetch(client: harness.client, campaignId: harness.campaign.id)
    try await harness.control.resetStats()
    // The server stores every batch, then the connection drops before the answer.
    try await harness.control.setFaults(.init(dropConnectionRate: 1, dropConnectionPhase: "after", methods: ["POST"]))
    let notes = NotesSeen()
    let results = await BulkSender(client: harness.client, campaignId: harness.campaign.id, batchSize: 4, settleDelay: 0).send(
      plan.outgoing, existing: existing
    ) { progress in
      if let note = progress.note { notes.add(note) }
    }
    try await harness.control.clearFaults()

    #expect(results.map(\.status) == Array(repeating: .queued, count: 10))
    #expect(results.allSatisfy { $0.reason == BulkRowResult.confirmedAfterLostAnswer })
    #expect(try await harness.bulkPosts() == 3, "one POST per batch of 4, 4, 2: nothing re-sent")
    let mine = try await harness.conversations().compactMap(\.externalId).filter { $0.hasPrefix("cand-") }
    #expect(mine.count == 10 && Set(mine).count == 10)
    #expect(notes.all.contains { $0.hasPrefix("answer lost") })
    await harness.stop()
  }

  @Test func aConversationThisRunAlreadyQueuedIsNotTakenForAnotherRowAfterALostAnswer() async throws {
    // Line 3 shares line 2's phone but has no candidate id (a family phone): not a
    // duplicate. Line 2 arrives; line 3's answer is lost before the server acted. Line 2's
    // new conversation has line 3's phone, yet it is line 2's: line 3 must be sent again,
    // not "confirmed".
    let harness = try await BulkLaunchHarness.start()
    let file = try harness.csv("First Name,Mobile,Candidate ID\nAda,+447400900001,A-1\nBob,+447400900001,\n")
    let plan = try harness.plan(file)
    #expect(plan.counts.ready == 2)
    let existing = try await ExistingContacts.fetch(client: harness.client, campaignId: harness.campaign.id)
    let control = harness.control
    let hooked = BulkHookedClient(base: harness.client) { number in
      if number == 1 { _ = try? await control.setFaults(.init(dropConnectionRate: 1, dropConnectionPhase: "before", methods: ["POST"])) }
      if number == 2 { try? await control.clearFaults() }
    }
    let results = await BulkSender(client: hooked, campaignId: harness.campaign.id, batchSize: 1, settleDelay: 0).send(
      plan.outgoing, existing: existing)

    #expect(hooked.sentContacts.map { $0.map(\.firstName) } == [["Ada"], ["Bob"], ["Bob"]])
    #expect(results.map(\.status) == [.queued, .queued])
    #expect(results[1].reason == nil, "queued by the second send, not confirmed from Ada's conversation")
    let sharing = try await harness.conversations().filter { $0.participantPhoneNumber == "+447400900001" }
    #expect(sharing.compactMap(\.participantFirstName).sorted() == ["Ada", "Bob"])
    await harness.stop()
  }
}

final class NotesSeen: Sendable {
  private let notes = Mutex<[String]>([])
  func add(_ note: String) { notes.withLock { $0.append(note) } }
  var all: [String] { notes.withLock { $0 } }
}
