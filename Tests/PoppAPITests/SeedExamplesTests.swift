import Foundation
import PoppAPI
import Testing

/// The JSON examples of Popp's walkthrough (`shared/seed/job-application-flow.md`).
@Suite struct SeedExamplesTests {
  let decoder = PoppJSON.makeDecoder()

  @Test func campaignResponseDecodesWithCustomRequest() throws {
    let json = """
      {"id": "a1b2c3d4-e5f6-7890-abcd-ef1234567890", "organizationId": "org_123456",
       "type": "APPLICANT_OUTREACH", "channel": "WHATSAPP", "closingMethod": "CUSTOM",
       "campaignStatus": "LIVE", "campaignTitle": "Senior Software Engineer",
       "templateId": "b2c3d4e5-f6a7-8901-bcde-f23456789012",
       "customRequest": "Thanks for your interest!", "externalId": "ats-job-12345",
       "agent": {"id": "c3d4e5f6-a7b8-9012-cdef-345678901234", "agentName": "Alex", "agentTone": "FRIENDLY"},
       "jobDescriptionParsed": {"employerName": "Popp", "jobTitle": "Senior Software Engineer", "summaryOfRole": "..."},
       "questions": [
         {"questionType": "TEXT", "isMandatory": true, "content": "Do you have at least 5 years of experience with TypeScript and React?"},
         {"questionType": "TEXT", "isMandatory": true, "content": "Are you authorised to work in the UK without sponsorship?"},
         {"questionType": "DOCUMENT", "isMandatory": false, "documentTypes": ["CV"]}]}
      """
    let campaign = try decoder.decode(Campaign.self, from: Data(json.utf8))
    #expect(campaign.type == .applicantOutreach)
    #expect(campaign.closingMethod == .custom)
    #expect(campaign.customRequest == "Thanks for your interest!")
    #expect(campaign.closingCompanion == "Thanks for your interest!")
    #expect(campaign.agent?.agentTone == .friendly)
    #expect(campaign.questions.count == 3)
    #expect(campaign.questions[2].questionType == .document)
    #expect(campaign.questions[2].documentTypes == ["CV"])
    #expect(campaign.questions[0].gatesResult)
  }

  @Test func bulkResponseDecodes() throws {
    let json = """
      {"message": "Bulk conversation creation completed", "total": 2, "queued": 2, "failed": 0,
       "results": [{"index": 0, "firstName": "John", "status": "queued"}, {"index": 1, "firstName": "Sarah", "status": "queued"}]}
      """
    let response = try decoder.decode(BulkConversationResponse.self, from: Data(json.utf8))
    #expect(response.total == 2)
    #expect(response.results.map(\.status) == [.queued, .queued])
    #expect(response.results[1].firstName == "Sarah")
  }

  @Test func takeoverAndHandBackResponsesDecode() throws {
    let takeover = try decoder.decode(
      TakeoverResponse.self,
      from: Data(#"{"id": "d4e5f6a7-b8c9-0123-def4-567890123456", "isHumanTakeover": true, "conversationStatus": "ONGOING"}"#.utf8))
    #expect(takeover.isHumanTakeover)
    #expect(takeover.conversationStatus == .ongoing)
    let handBack = try decoder.decode(
      HandBackResponse.self,
      from: Data(#"{"id": "d4e5f6a7-b8c9-0123-def4-567890123456", "status": "ONGOING", "stage": "INITIAL", "isHumanTakeover": false}"#.utf8)
    )
    #expect(handBack.status == .ongoing)
    #expect(handBack.stage == .initial)
    #expect(!handBack.isHumanTakeover)
  }

  @Test func messageDecodesWithMillisecondTimestamp() throws {
    let json = """
      {"id": "e5f6a7b8-c9d0-1234-ef56-789012345678", "conversationId": "d4e5f6a7-b8c9-0123-def4-567890123456",
       "body": "Hi Ilyes — quick test message.", "sender": "USER", "status": "SENT_SUCCESS",
       "createdAt": "2026-05-08T11:26:37.920Z"}
      """
    let message = try decoder.decode(Message.self, from: Data(json.utf8))
    #expect(message.sender == .user)
    #expect(message.status == .sentSuccess)
    #expect(message.createdAt.map(Timestamp.format) == "2026-05-08T11:26:37.920Z")
  }

  @Test func needsReviewWebhookDecodes() throws {
    let json = """
      {"event": "CONVERSATION_NEEDS_REVIEW", "eventId": "evt_abc123", "eventTimestamp": "2024-01-15T10:30:00.000Z",
       "data": {"recordId": "conv_xyz789", "organizationId": "org_123456", "externalId": "candidate-001",
                "externalCampaignId": "your_campaign_external_id",
                "campaignConversationUrl": "https://ai.joinpopp.com/campaign/outbound/x?conversationId=y",
                "isHumanTakeover": false}}
      """
    let event = try decoder.decode(WebhookEvent.self, from: Data(json.utf8))
    #expect(event.event == .conversationNeedsReview)
    #expect(event.data.recordId == "conv_xyz789")
    #expect(event.data.isHumanTakeover == false)
  }

  @Test func unknownEnumValuesArePreservedNotFatal() throws {
    let json = """
      {"id": "c1", "conversationStatus": "AWAITING_SOMETHING_NEW", "channel": "TELEGRAM", "stage": "NEGOTIATION",
       "needsReview": true, "isHumanTakeover": false, "someNewField": {"nested": [1, 2]}}
      """
    let conversation = try decoder.decode(Conversation.self, from: Data(json.utf8))
    #expect(conversation.conversationStatus == .unknown("AWAITING_SOMETHING_NEW"))
    #expect(!conversation.conversationStatus.isKnown)
    #expect(conversation.conversationStatus.canStillChange, "an unknown status must stay watched")
    #expect(!conversation.conversationStatus.isActive)
    #expect(conversation.channel == .unknown("TELEGRAM"))
    let reencoded = try PoppJSON.makeEncoder().encode(conversation)
    let again = try decoder.decode(Conversation.self, from: reencoded)
    #expect(again.conversationStatus.rawValue == "AWAITING_SOMETHING_NEW")
  }

  @Test func absentFieldsDecodeToDefaults() throws {
    let conversation = try decoder.decode(Conversation.self, from: Data(#"{"id": "c2"}"#.utf8))
    #expect(conversation.needsReview == false)
    #expect(conversation.isHumanTakeover == false)
    #expect(conversation.participantName == "")
    let page = try decoder.decode(Page<Conversation>.self, from: Data(#"{"data": [], "nextToken": ""}"#.utf8))
    #expect(page.nextToken == nil, "an empty token ends the listing")
  }
}

@Suite struct RequestShapeTests {
  func object(_ value: some Encodable) throws -> [String: Any] {
    let data = try PoppJSON.makeEncoder().encode(value)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test func campaignCreateSendsCustomMessageAndOmitsAbsentFields() throws {
    let request = CampaignCreateRequest(
      campaignType: .applicantOutreach, channel: .whatsapp, closingMethod: .custom, campaignTitle: "T",
      customMessage: "Thanks!", questions: [.text("Q?")])
    let json = try object(request)
    #expect(json["customMessage"] as? String == "Thanks!")
    #expect(json["customRequest"] == nil)
    #expect(json["meetingUrl"] == nil, "absent optionals are omitted, not null")
    #expect(Set(json.keys) == ["campaignType", "channel", "closingMethod", "campaignTitle", "customMessage", "questions"])
  }

  @Test func sendMessageCarriesExactlyOneField() throws {
    #expect(Set(try object(SendMessageRequest.text("hi")).keys) == ["messageBody"])
    #expect(Set(try object(SendMessageRequest.template("t1")).keys) == ["templateId"])
  }

  @Test func pageEncodesAnExplicitNullToken() throws {
    let data = try PoppJSON.makeEncoder().encode(Page<Message>(data: [], nextToken: nil))
    #expect(String(decoding: data, as: UTF8.self).contains("\"nextToken\":null"))
  }
}

@Suite struct TimestampTests {
  @Test func formatsAndParsesMilliseconds() throws {
    let date = try #require(Timestamp.parse("2026-05-08T11:26:37.920Z"))
    #expect(Timestamp.format(date) == "2026-05-08T11:26:37.920Z")
    #expect(Timestamp.parse("2026-05-08T11:26:37Z").map(Timestamp.format) == "2026-05-08T11:26:37.000Z")
    #expect(Timestamp.parse("2026-05-08T13:26:37.5+02:00").map(Timestamp.format) == "2026-05-08T11:26:37.500Z")
  }

  @Test(arguments: ["", "2026-05-08", "2026-13-08T11:26:37Z", "2026-05-08T11:26:37", "2026-05-08T11:26:37.Z", "yesterday"])
  func rejectsMalformedTimestamps(_ text: String) {
    #expect(Timestamp.parse(text) == nil)
  }
}
