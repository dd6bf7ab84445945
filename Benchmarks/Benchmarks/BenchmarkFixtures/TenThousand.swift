import PoppAPI
public import PoppSandbox

/// The polling and hub benchmarks' world: 9,800 conversations driven to an end (failed, opted out, undeliverable,
/// closed after nudges; the clock advanced 30 days) and 200 fresh ones, which at `--speed 0` stay live.
public func makeTenThousandConversations() async throws -> RunningSandbox {
  let sandbox = try await RunningSandbox.start(SandboxConfiguration(port: 0, speed: 0, demoSize: 0))
  let client = try sandbox.client()
  let campaigns = try await client.allCampaigns().collect()
  guard let email = campaigns.first(where: { $0.channel == .email && $0.campaignStatus == .live }) else {
    fatalError("the demo data has no live email campaign")
  }
  let endings = ["failer", "optout", "undeliverable", "ghost"]
  let finished = (0..<9_800).map { index in
    BulkContact(
      firstName: "Done\(index)", lastName: "Candidate", emailAddress: "\(endings[index % endings.count])+\(index)@example.com",
      externalId: "done-\(index)")
  }
  _ = try await client.createConversations(BulkConversationRequest(campaignId: email.id, contacts: finished))
  _ = try await sandbox.control().advanceClock(seconds: 30 * 86_400)
  let live = (0..<200).map { index in
    BulkContact(
      firstName: "Live\(index)", lastName: "Candidate", emailAddress: "live\(index)@example.com", externalId: "live-\(index)")
  }
  _ = try await client.createConversations(BulkConversationRequest(campaignId: email.id, contacts: live))
  return sandbox
}

/// The value at `p` (0…1) of `values`, nearest rank.
public func percentile(_ values: [Double], _ p: Double) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return .nan }
  return sorted[min(Int((Double(sorted.count - 1) * p).rounded()), sorted.count - 1)]
}
