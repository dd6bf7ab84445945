import Foundation
import PoppAPI
import PoppSandbox
import Testing

@Suite struct EndpointTests {
  @Test func templatesAndAgentsAreListed() async throws {
    try await withSandbox { harness in
      let templates = try await harness.client.listTemplates()
      #expect(Set(templates.compactMap(\.channel)) == [.whatsapp, .sms, .email])
      #expect(templates.contains { $0.type == .openingMessage } && templates.contains { $0.type == .reply })
      #expect(try await harness.client.listAgents().contains { $0.agentName == "Alex" })
    }
  }

  @Test func campaignIsCreatedReadListedAndPatched() async throws {
    try await withSandbox { harness in
      let created = try await harness.makeCampaign(status: .draft)
      #expect(created.customRequest == "Thanks, we'll be in touch.", "customMessage comes back as customRequest")
      #expect(created.agent?.agentName == "Robin")
      #expect(created.jobDescriptionParsed?.employerName == "Acme")
      #expect(try await harness.client.campaign(id: created.id) == created)
      let live = try await harness.client.updateCampaign(id: created.id, CampaignUpdateRequest(campaignStatus: .live))
      #expect(live.campaignStatus == .live)
      #expect(live.questions == created.questions)
      let archived = try await harness.client.allCampaigns(status: .archived).collect()
      #expect(!archived.contains { $0.id == created.id })
      let all = try await harness.client.allCampaigns().collect()
      #expect(all.contains { $0.id == created.id && $0.campaignStatus == .live })
    }
  }

  @Test func patchRefusesQuestionsEmptyBodiesAndBrokenCombinations() async throws {
    try await withSandbox { harness in
      let campaign = try await harness.makeCampaign()
      let (status, body) = try await harness.raw("PATCH", "campaigns/\(campaign.id)", body: Data(#"{"questions": []}"#.utf8))
      #expect(status == 400 && body.contains("questions"))
      await expectError({ $0 == .badRequest("body must change at least one field (questions cannot be changed)") }) {
        _ = try await harness.client.updateCampaign(id: campaign.id, CampaignUpdateRequest())
      }
      await expectError({ $0.serverMessage?.hasPrefix("meetingUrl is required") == true }) {
        _ = try await harness.client.updateCampaign(id: campaign.id, CampaignUpdateRequest(closingMethod: .meetingURL))
      }
      #expect(try await harness.client.campaign(id: campaign.id).closingMethod == .custom, "a refused PATCH changes nothing")
    }
  }

  @Test func campaignValidationNamesTheFirstOffendingField() async throws {
    try await withSandbox { harness in
      let before = try await harness.client.allCampaigns().collect().count
      let templates = try await harness.client.listTemplates()
      let smsOpening = try #require(templates.first { $0.canOpen(channel: .sms, campaignType: .applicantOutreach) })
      let base = CampaignCreateRequest(
        campaignType: .applicantOutreach, channel: .whatsapp, closingMethod: .custom, campaignTitle: "T",
        campaignDescription: "D", company: "C", location: "L", customMessage: "Thanks", openingMessageTemplateId: smsOpening.id,
        questions: [.text("Q?")])
      await expectError({
        $0.serverMessage?.hasPrefix("openingMessageTemplateId must name an OPENING_MESSAGE template for WHATSAPP") == true
      }) {
        _ = try await harness.client.createCampaign(base)
      }
      var noCompany = base
      noCompany.company = nil
      await expectError({ $0.serverMessage == "company is required for APPLICANT_OUTREACH campaigns" }) {
        _ = try await harness.client.createCampaign(noCompany)
      }
      let (status, body) = try await harness.raw(
        "POST", "campaigns", body: Data(#"{"campaignType": "APPLICANT_OUTREACH", "questions": "many"}"#.utf8))
      #expect(status == 400)
      #expect(body.contains("questions has the wrong type"))
      #expect(try await harness.client.allCampaigns().collect().count == before, "refused creates store nothing")
    }
  }

  @Test func authFailuresAre401() async throws {
    try await withSandbox { harness in
      for headers in [
        [:], ["x-api-key": "sandbox-key"], ["x-api-key": "wrong", "x-organization-id": "sandbox-org"],
        ["x-api-key": "other-key", "x-organization-id": "sandbox-org"],
      ] {
        let (status, body) = try await harness.raw("GET", "templates", headers: headers)
        #expect(status == 401, "headers \(headers)")
        #expect(body.contains("\"error\""))
        #expect(!body.contains("other-key") && !body.contains("sandbox-key"), "errors never echo keys")
      }
    }
  }

  @Test func anotherOrganizationsResourcesAre404() async throws {
    try await withSandbox { harness in
      let campaign = try await harness.makeCampaign()
      let conversation = try await harness.launch(campaign)
      let stranger = try harness.sandbox.client(organization: Harness.other)
      await expectError({ $0.statusCode == 404 }) { _ = try await stranger.campaign(id: campaign.id) }
      await expectError({ $0.statusCode == 404 }) { _ = try await stranger.conversation(id: conversation.id) }
      await expectError({ $0.statusCode == 404 }) {
        _ = try await stranger.listMessages(conversationId: conversation.id, sortDirection: nil, limit: nil, nextToken: nil)
      }
      await expectError({ $0.statusCode == 404 }) { _ = try await stranger.takeOver(conversationId: conversation.id) }
      await expectError({ $0.statusCode == 404 }) {
        _ = try await stranger.createConversation(
          ConversationCreateRequest(campaignId: campaign.id, firstName: "X", phoneNumber: "+14155550000"))
      }
      #expect(try await stranger.allConversations().collect().isEmpty)
    }
  }

  @Test func conversationCreateValidatesContactAndOpeningMessage() async throws {
    try await withSandbox { harness in
      let whatsapp = try await harness.makeCampaign()
      let sms = try await harness.makeCampaign(channel: .sms, closing: .phoneNumber)
      let email = try await harness.makeCampaign(channel: .email, closing: .meetingURL)
      let cases: [(Campaign, ConversationCreateRequest, String)] = [
        (whatsapp, ConversationCreateRequest(firstName: "A", phoneNumber: "07700 900123"), "phoneNumber must be in E.164"),
        (
          whatsapp, ConversationCreateRequest(firstName: "A", phoneNumber: "+14155551234", openingMessage: "Hi"),
          "openingMessage is not allowed on WHATSAPP"
        ),
        (
          sms, ConversationCreateRequest(firstName: "A", phoneNumber: "+14155551234", openingMessage: "Hi there"),
          "openingMessage must contain STOP"
        ),
        (
          sms,
          ConversationCreateRequest(
            firstName: "A", phoneNumber: "+14155551234", openingMessage: String(repeating: "x", count: 601) + "STOP"),
          "openingMessage must be at most 600"
        ),
        (email, ConversationCreateRequest(firstName: "A", phoneNumber: "+14155551234"), "emailAddress is required for EMAIL"),
        (email, ConversationCreateRequest(lastName: "B", emailAddress: "a@example.com"), "firstName is required"),
      ]
      for (campaign, request, message) in cases {
        var request = request
        request.campaignId = campaign.id
        await expectError({ $0.statusCode == 400 && $0.serverMessage?.hasPrefix(message) == true }) {
          _ = try await harness.client.createConversation(request)
        }
      }
      let draft = try await harness.makeCampaign(status: .draft)
      await expectError({ $0.statusCode == 409 }) {
        _ = try await harness.client.createConversation(
          ConversationCreateRequest(campaignId: draft.id, firstName: "A", phoneNumber: "+14155551234"))
      }
      await expectError({ $0.statusCode == 404 }) {
        _ = try await harness.client.createConversation(
          ConversationCreateRequest(campaignId: "no-such-campaign", firstName: "A", phoneNumber: "+14155551234"))
      }
      #expect(try await harness.client.allConversations().collect().isEmpty, "refused creates store nothing")
      let accepted = try await harness.client.createConversation(
        ConversationCreateRequest(
          externalCampaignId: sms.externalId, firstName: "A", phoneNumber: "+14155551234", openingMessage: "Hi! Reply STOP to opt out"))
      #expect(accepted.message == "Conversation created")
    }
  }

  @Test func bulkQueuesGoodContactsAndReportsBadOnesByIndex() async throws {
    try await withSandbox { harness in
      let campaign = try await harness.makeCampaign()
      let contacts = [
        BulkContact(firstName: "Good", phoneNumber: "+14155550001"),
        BulkContact(firstName: "NoPlus", phoneNumber: "14155550002"),
        BulkContact(firstName: "Also good", phoneNumber: "+447700900003", externalId: "x3"),
        BulkContact(phoneNumber: "+14155550004"),
      ]
      let response = try await harness.client.createConversations(BulkConversationRequest(campaignId: campaign.id, contacts: contacts))
      #expect(response.total == 4 && response.queued == 2 && response.failed == 2)
      #expect(response.results.map(\.index) == [0, 1, 2, 3])
      #expect(response.results.map(\.status) == [.queued, .failed, .queued, .failed])
      #expect(response.results[1].error?.hasPrefix("phoneNumber must be in E.164") == true)
      #expect(response.results[3].error == "firstName is required")
      let stored = try await harness.client.allConversations(ConversationQuery(campaignId: campaign.id)).collect()
      #expect(Set(stored.map(\.participantFirstName)) == ["Good", "Also good"])
    }
  }

  @Test func bulkOfMoreThan10000IsRefusedWhole() async throws {
    try await withSandbox { harness in
      let campaign = try await harness.makeCampaign()
      let contacts = (0..<10_001).map { BulkContact(firstName: "C\($0)", phoneNumber: "+1415\(String(1_000_000 + $0))") }
      await expectError({ $0.statusCode == 400 && $0.serverMessage?.contains("10001") == true }) {
        _ = try await harness.client.createConversations(BulkConversationRequest(campaignId: campaign.id, contacts: contacts))
      }
      await expectError({ $0.statusCode == 400 }) {
        _ = try await harness.client.createConversations(BulkConversationRequest(campaignId: campaign.id, contacts: []))
      }
      #expect(try await harness.client.allConversations().collect().isEmpty)
    }
  }

  @Test func oversizedBodiesAre413() async throws {
    try await withSandbox { harness in
      let huge = Data(#"{"campaignTitle": ""#.utf8) + Data(repeating: UInt8(ascii: "a"), count: 17 * 1024 * 1024) + Data(#""}"#.utf8)
      let (status, body) = try await harness.raw("POST", "campaigns", body: huge)
      #expect(status == 413)
      #expect(body.contains("\"error\""))
    }
  }

  @Test func unknownRoutesAnswerInTheContractsErrorShape() async throws {
    try await withSandbox { harness in
      let (status, body) = try await harness.raw("GET", "nothing-here")
      #expect(status == 404)
      #expect(body.contains("\"error\""))
    }
  }
}
