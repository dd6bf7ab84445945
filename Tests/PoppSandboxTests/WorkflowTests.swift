import Foundation
import PoppAPI
import PoppSandbox
import Testing

@Suite struct PaginationTests {
  @Test func listsFollowNextTokenAcrossPagesInCreationOrder() async throws {
    try await withSandbox(demoSize: 40) { harness in
      var pages = 0
      var seen: [Conversation] = []
      var token: String?
      repeat {
        let page = try await harness.client.listConversations(ConversationQuery(limit: 7), nextToken: token)
        pages += 1
        seen += page.data
        token = page.nextToken
        #expect(page.data.count <= 7)
      } while token != nil
      #expect(pages == 6, "40 conversations at 7 a page")
      #expect(seen.count == 40)
      #expect(Set(seen.map(\.id)).count == 40, "no conversation twice")
      let dates = seen.compactMap(\.createdAt)
      #expect(dates == dates.sorted(), "ascending by createdAt by default")
      let descending = try await harness.client.allConversations(ConversationQuery(sortDirection: .descending, limit: 9)).collect()
      #expect(descending.map(\.id) == seen.map(\.id).reversed())
    }
  }

  @Test func pagesAreExactWhenAWholeBulkSharesOneCreationTime() async throws {
    try await withSandbox(demoSize: 5) { harness in
      let campaign = try await harness.makeCampaign()
      let contacts = (0..<30).map { BulkContact(firstName: "Bulk \($0)", phoneNumber: "+1415555\(String(1000 + $0))") }
      _ = try await harness.client.createConversations(BulkConversationRequest(campaignId: campaign.id, contacts: contacts))
      for direction in [SortDirection.ascending, .descending] {
        let paged = try await harness.client.allConversations(ConversationQuery(sortDirection: direction, limit: 7)).collect()
        let whole = try await harness.client.listConversations(ConversationQuery(sortDirection: direction, limit: 500), nextToken: nil).data
        #expect(paged.map(\.id) == whole.map(\.id), "\(direction)")
        #expect(paged.count == 35)
      }
      let bulkOrder = try await harness.client.allConversations(ConversationQuery(campaignId: campaign.id, limit: 4)).collect()
      #expect(bulkOrder.map(\.participantFirstName) == contacts.map(\.firstName), "a bulk lists in its own order")
    }
  }

  @Test func badListParametersAre400() async throws {
    try await withSandbox { harness in
      for path in [
        "conversations?limit=0", "conversations?limit=501", "conversations?sortDirection=UP", "conversations?nextToken=garbage",
        "conversations?conversationStatus=NOPE", "conversations?needsReview=maybe", "campaigns?limit=x",
      ] {
        let (status, body) = try await harness.raw("GET", path)
        #expect(status == 400, "\(path)")
        #expect(body.contains("\"error\""))
      }
    }
  }

  @Test func messagesPaginateOldestFirst() async throws {
    try await withSandbox(demoSize: 20) { harness in
      let busiest = try await harness.client.allConversations().collect().max { a, b in
        (a.lastMessageAt ?? .distantPast) < (b.lastMessageAt ?? .distantPast)
      }
      let id = try #require(busiest?.id)
      let all = try await harness.client.allMessages(conversationId: id, pageSize: 2).collect()
      let single = try await harness.client.listMessages(conversationId: id, sortDirection: nil, limit: 500, nextToken: nil).data
      #expect(all == single)
      #expect(all.compactMap(\.createdAt) == all.compactMap(\.createdAt).sorted())
    }
  }
}

@Suite struct SimulationTests {
  @Test func demoDataCoversEveryStatusWithHistories() async throws {
    try await withSandbox(demoSize: 200) { harness in
      let conversations = try await harness.client.allConversations(ConversationQuery(limit: 500)).collect()
      #expect(conversations.count == 200)
      let statuses = Set(conversations.map(\.conversationStatus))
      #expect(statuses == Set(ConversationStatus.knownCases), "missing: \(Set(ConversationStatus.knownCases).subtracting(statuses))")
      #expect(conversations.contains { $0.needsReview && $0.needsReviewReason != nil })
      let campaigns = try await harness.client.allCampaigns().collect()
      #expect(Set(campaigns.map(\.channel)) == [.whatsapp, .sms, .email])
      #expect(Set(campaigns.map(\.type)).count >= 3)
      let names = conversations.map(\.participantName).joined()
      #expect(names.unicodeScalars.contains { $0.properties.isEmojiPresentation }, "emoji in names")
      #expect(names.contains("美咲") && names.contains("محمد"), "CJK and Arabic names")
      let failed = try #require(conversations.first { $0.conversationStatus == .completedScreeningFailed })
      #expect(failed.screeningQuestionsOutcome?.contains { $0.questionOutcome == .failed } == true)
      let messages = try await harness.client.allMessages(conversationId: failed.id).collect()
      #expect(messages.first?.sender == .agent)
      #expect(messages.contains { $0.sender == .candidate })
    }
  }

  @Test func theSameSeedReplaysTheSameWorld() async throws {
    let first = try await Harness.start(demoSize: 30)
    let a = try await first.client.allConversations().collect()
    await first.stop()
    let second = try await Harness.start(demoSize: 30)
    let b = try await second.client.allConversations().collect()
    await second.stop()
    #expect(a.map(\.id) == b.map(\.id))
    #expect(a.map(\.conversationStatus) == b.map(\.conversationStatus))
  }

  @Test func aConversationMovesFromCreatedThroughQueuedToOngoing() async throws {
    try await withSandbox { harness in
      let campaign = try await harness.makeCampaign()
      let conversation = try await harness.launch(campaign)
      #expect(conversation.conversationStatus == .created)
      try await harness.control.advanceClock(seconds: 3)
      #expect(try await harness.client.conversation(id: conversation.id).conversationStatus == .queued)
      try await harness.control.advanceClock(seconds: 5)
      let ongoing = try await harness.client.conversation(id: conversation.id)
      #expect(ongoing.conversationStatus == .ongoing)
      let opening = try await harness.client.allMessages(conversationId: conversation.id).collect()
      #expect(opening.count == 1)
      #expect(opening[0].sender == .agent)
      #expect(opening[0].body.contains("Ada"), "the opening template is filled in: \(opening[0].body)")
    }
  }

  @Test func personasReachTheirEnds() async throws {
    try await withSandbox { harness in
      let campaign = try await harness.makeCampaign(channel: .email, closing: .meetingURL)
      let expectations: [(String, ConversationStatus)] = [
        ("failer", .completedScreeningFailed), ("optout", .optedOut), ("undeliverable", .deliveryFailed),
        ("ghost", .closed), ("passersilent", .completedMeetingRequested), ("passer", .completedScreeningPassed),
      ]
      for (persona, status) in expectations {
        let conversation = try await harness.launch(campaign, firstName: persona, contact: "\(persona)@example.com")
        let final = try await harness.advance(conversation.id, until: { $0.conversationStatus == status }, limit: 4 * 86_400)
        #expect(final.conversationStatus == status, "\(persona)")
      }
      let asker = try await harness.launch(campaign, firstName: "asker", contact: "asker@example.com")
      let flagged = try await harness.advance(asker.id, until: { $0.needsReview })
      #expect(flagged.conversationStatus == .ongoing)
      #expect(flagged.needsReviewReason?.contains("cannot answer") == true)
    }
  }

  @Test func injectedCandidateMessagesDriveTheAgent() async throws {
    try await withSandbox { harness in
      let campaign = try await harness.makeCampaign()
      let conversation = try await harness.launch(campaign, contact: "+14155550123")
      try await harness.control.advanceClock(seconds: 10)
      let injected = try await harness.control.injectCandidateMessage(conversationId: conversation.id, body: "Yes, happy to chat 😀")
      #expect(injected.sender == .candidate && injected.body == "Yes, happy to chat 😀")
      try await harness.control.advanceClock(seconds: 20)
      let messages = try await harness.client.allMessages(conversationId: conversation.id).collect()
      #expect(messages.last?.sender == .agent)
      #expect(messages.last?.body.contains("driving licence") == true, "the agent asks the first question")
      try await harness.control.injectCandidateMessage(conversationId: conversation.id, body: "STOP")
      #expect(try await harness.client.conversation(id: conversation.id).conversationStatus == .optedOut)
    }
  }
}

@Suite struct TakeoverTests {
  /// An ongoing conversation whose candidate answers everything (the `passer` persona).
  func ongoing(_ harness: Harness) async throws -> Conversation {
    let campaign = try await harness.makeCampaign(channel: .email, closing: .meetingURL)
    let conversation = try await harness.launch(campaign, contact: "passer@example.com")
    return try await harness.advance(conversation.id, until: { $0.conversationStatus == .ongoing })
  }

  @Test func takeoverSilencesTheAgentAndHandBackResumesIt() async throws {
    try await withSandbox { harness in
      let conversation = try await ongoing(harness)
      let takeover = try await harness.client.takeOver(conversationId: conversation.id)
      #expect(takeover.isHumanTakeover && takeover.conversationStatus == .ongoing)
      #expect(try await harness.client.takeOver(conversationId: conversation.id).isHumanTakeover, "idempotent")
      let before = try await harness.client.allMessages(conversationId: conversation.id).collect().count

      try await harness.control.injectCandidateMessage(conversationId: conversation.id, body: "Hello? Is anyone there")
      try await harness.control.advanceClock(seconds: 3 * 86_400)
      var messages = try await harness.client.allMessages(conversationId: conversation.id).collect()
      #expect(!messages.dropFirst(before).contains { $0.sender == .agent }, "the agent says nothing while taken over")

      let sent = try await harness.client.sendMessage(conversationId: conversation.id, .text("Hi, this is Jo from Acme — 你好 👋"))
      #expect(try await harness.client.conversation(id: conversation.id).isHumanTakeover)
      #expect(sent.sender == .user && sent.status == .sentSuccess && sent.body == "Hi, this is Jo from Acme — 你好 👋")
      try await harness.control.advanceClock(seconds: 600)
      messages = try await harness.client.allMessages(conversationId: conversation.id).collect()
      #expect(messages.last?.sender == .candidate, "candidates still answer the recruiter")
      #expect(!messages.dropFirst(before).contains { $0.sender == .agent })

      let handBack = try await harness.client.handBack(conversationId: conversation.id)
      #expect(!handBack.isHumanTakeover && handBack.status == .ongoing)
      try await harness.control.advanceClock(seconds: 10)
      messages = try await harness.client.allMessages(conversationId: conversation.id).collect()
      #expect(messages.last?.sender == .agent, "the agent resumes after hand-back")
      await expectError({ $0.statusCode == 409 }) { _ = try await harness.client.handBack(conversationId: conversation.id) }
    }
  }

  @Test func sendingNeedsTakeoverAndExactlyOneOfBodyOrTemplate() async throws {
    try await withSandbox { harness in
      let conversation = try await ongoing(harness)
      await expectError({ $0.statusCode == 409 }) { _ = try await harness.client.sendMessage(conversationId: conversation.id, .text("hi")) }
      _ = try await harness.client.takeOver(conversationId: conversation.id)
      await expectError({ $0.statusCode == 400 }) {
        _ = try await harness.client.sendMessage(conversationId: conversation.id, SendMessageRequest())
      }
      await expectError({ $0.statusCode == 400 }) {
        _ = try await harness.client.sendMessage(conversationId: conversation.id, SendMessageRequest(messageBody: "a", templateId: "b"))
      }
      let templates = try await harness.client.listTemplates()
      let sms = try #require(templates.first { $0.channel == .sms && $0.type == .reply })
      await expectError({ $0.statusCode == 400 && $0.serverMessage?.contains("SMS template") == true }) {
        _ = try await harness.client.sendMessage(conversationId: conversation.id, .template(sms.id))
      }
      let reply = try #require(templates.first { $0.channel == .email && $0.type == .reply })
      let sent = try await harness.client.sendMessage(conversationId: conversation.id, .template(reply.id))
      #expect(sent.templateId == reply.id)
      #expect(
        sent.body
          == TemplateRendering.render(
            reply.body ?? "",
            with: .init(
              candidateFirstName: "Ada", candidateLastName: "Lovelace", agentName: "Robin", company: "Acme", jobTitle: "Test role",
              location: "Leeds")))
      #expect(!sent.body.contains("{{"))
      let userMessages = try await harness.client.allMessages(conversationId: conversation.id).collect().filter { $0.sender == .user }
      #expect(userMessages.count == 1, "refused sends store nothing")
    }
  }

  @Test func finishedConversationsCannotBeTakenOver() async throws {
    try await withSandbox { harness in
      let campaign = try await harness.makeCampaign(channel: .email, closing: .meetingURL)
      let conversation = try await harness.launch(campaign, contact: "failer@example.com")
      _ = try await harness.advance(conversation.id, until: { $0.conversationStatus == .completedScreeningFailed })
      await expectError({ $0.statusCode == 409 && $0.serverMessage?.contains("COMPLETED_SCREENING_FAILED") == true }) {
        _ = try await harness.client.takeOver(conversationId: conversation.id)
      }
      #expect(try await harness.client.conversation(id: conversation.id).isHumanTakeover == false)
    }
  }

  @Test func flaggingThroughTheControlSurfaceParksTheAgent() async throws {
    try await withSandbox { harness in
      let conversation = try await ongoing(harness)
      let flagged = try await harness.control.flag(conversationId: conversation.id, reason: "Sensitive topic")
      #expect(flagged.needsReview && flagged.needsReviewReason == "Sensitive topic")
      let filtered = try await harness.client.listConversations(ConversationQuery(needsReview: true), nextToken: nil)
      #expect(filtered.data.map(\.id) == [conversation.id])
      _ = try await harness.client.takeOver(conversationId: conversation.id)
      _ = try await harness.client.handBack(conversationId: conversation.id)
      #expect(try await harness.client.conversation(id: conversation.id).needsReview == false, "hand-back clears the review flag")
    }
  }
}
