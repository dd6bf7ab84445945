import Foundation
import GRDB
import PoppAPI

/// Seeds an organization with what a new recruiter needs to see the product work: campaigns
/// on every channel and several types, templates, agents, and conversations in every status
/// with real histories, made by running the simulation over the past two weeks.
enum DemoData {
  static func seed(organizationId: String, conversations count: Int, in world: inout World, now: Int64) throws {
    let templates = try makeTemplates(organizationId: organizationId, in: world)
    let campaigns = try makeCampaigns(organizationId: organizationId, templates: templates, in: world, now: now)
    let launchable = campaigns.filter { $0.campaignStatus == .live }
    guard count > 0, !launchable.isEmpty else { return }
    // Simulated before they are stored, and stored once as the two weeks left them; SQLite
    // builds the indexes after.
    try Schema.deferringIndexes(of: ["conversation", "message"], in: world.db) {
      try Simulation.run(
        in: &world, until: now,
        inserting: makeConversations(count, on: launchable, organizationId: organizationId, in: world, now: now))
    }
  }

  /// The demo's conversations as they are created, none of them run yet.
  private static func makeConversations(
    _ count: Int, on launchable: [Campaign], organizationId: String, in world: World, now: Int64
  ) throws -> [ConversationRow] {
    var random = SeededRandom(seed: SeededRandom.hash(world.seed, SeededRandom.hash(organizationId)))
    let day: Int64 = 86_400_000
    var sequence = try world.nextSequence("conversation")
    let forced = Persona.allCases
    var conversations: [ConversationRow] = []
    conversations.reserveCapacity(count)
    for index in 0..<count {
      let campaign = launchable[index % launchable.count]
      let person = Names.person(index: index, random: &random)
      // The first few show every persona; the last few are brand new (CREATED, QUEUED).
      let createdAt: Int64 =
        if index < forced.count { now - 10 * day + Int64(index) * 60_000 } else if index >= count - 2 && count > forced.count + 4 {
          now - 1_000
        } else if index >= count - 4 && count > forced.count + 4 { now - 4_000 } else { now - Int64(random.next() % UInt64(14 * day)) }
      let contact = campaign.channel.usesEmail ? person.email : person.phone
      let personaSeed = Int64(bitPattern: SeededRandom.hash(world.seed, UInt64(bitPattern: sequence)))
      let persona = index < forced.count ? forced[index] : PersonaMix.persona(for: UInt64(bitPattern: personaSeed), contact: contact)
      let row = ConversationRow(
        seq: sequence, id: world.makeID("conversation", sequence), organizationId: organizationId,
        campaignId: campaign.id, externalId: "ats-cand-\(10_000 + index)", externalCampaignId: campaign.externalId,
        candidateId: DeterministicID.make(
          seed: world.seed, kind: "candidate:" + organizationId, sequence: Int64(bitPattern: SeededRandom.hash(contact))),
        firstName: person.first, lastName: person.last,
        phoneNumber: campaign.channel.usesEmail ? nil : person.phone,
        emailAddress: campaign.channel.usesEmail ? person.email : nil, channel: campaign.channel.rawValue,
        status: ConversationStatus.created.rawValue, stage: ConversationStage.initial.rawValue,
        needsReview: false, needsReviewReason: nil, isHumanTakeover: false, outcomes: "[]",
        lastMessageAt: nil, createdAt: createdAt, updatedAt: createdAt, openingMessage: nil,
        additionalContext: nil, businessHours: false, persona: persona, personaSeed: personaSeed,
        phase: .pendingQueue, questionIndex: -1, nudges: 0, pendingEvent: .queue,
        nextEventAt: createdAt + 2_000, pendingAnswer: nil)
      conversations.append(row)
      sequence += 1
    }
    return conversations
  }

  private static func makeTemplates(organizationId: String, in world: World) throws -> [TemplateRow] {
    let definitions: [(String, Channel, TemplateType, CampaignType, String)] = [
      (
        "WhatsApp opening (applicants)", .whatsapp, .openingMessage, .applicantOutreach,
        "Hi {{CANDIDATE_FIRST_NAME}}, this is {{AGENT_NAME}} from {{COMPANY}}. Thanks for applying for {{JOB_TITLE}}! Have you got a few minutes for some quick questions?"
      ),
      (
        "WhatsApp opening (new candidates)", .whatsapp, .openingMessage, .newCandidateOutreach,
        "Hi {{CANDIDATE_FIRST_NAME}}, {{AGENT_NAME}} from {{COMPANY}} here. We have a {{JOB_TITLE}} role in {{LOCATION}} that matches your profile — interested?"
      ),
      (
        "SMS opening (applicants)", .sms, .openingMessage, .applicantOutreach,
        "Hi {{CANDIDATE_FIRST_NAME}}, it's {{AGENT_NAME}} at {{COMPANY}} about your {{JOB_TITLE}} application. Got 2 mins? Reply STOP to opt out."
      ),
      (
        "SMS opening (engagement)", .sms, .openingMessage, .engagementOutreach,
        "Hi {{CANDIDATE_FIRST_NAME}}, {{AGENT_NAME}} here. We'd love to hear what you're up to these days. Reply STOP to opt out."
      ),
      (
        "Email opening (new candidates)", .email, .openingMessage, .newCandidateOutreach,
        "Dear {{CANDIDATE_FIRST_NAME}},\n\nI'm {{AGENT_NAME}} from {{COMPANY}}. Your experience caught our eye for the {{JOB_TITLE}} position in {{LOCATION}}. Could we ask you a few questions?"
      ),
      (
        "Email opening (applicants)", .email, .openingMessage, .applicantOutreach,
        "Dear {{CANDIDATE_FIRST_NAME}},\n\nThank you for applying for {{JOB_TITLE}} at {{COMPANY}}. I'm {{AGENT_NAME}} and will guide you through a short screening."
      ),
      (
        "Recruiter will call", .whatsapp, .reply, .applicantOutreach,
        "Thanks {{CANDIDATE_FIRST_NAME}}! A member of our recruiting team will call you today to answer that."
      ),
      (
        "Share portfolio", .whatsapp, .reply, .applicantOutreach,
        "Hi {{CANDIDATE_FIRST_NAME}}, could you share your portfolio link so we can review it before our chat?"
      ),
      (
        "Recruiter will call (SMS)", .sms, .reply, .applicantOutreach,
        "Thanks {{CANDIDATE_FIRST_NAME}}, a recruiter will call you today. Reply STOP to opt out."
      ),
      (
        "Salary answer (SMS)", .sms, .reply, .applicantOutreach,
        "Hi {{CANDIDATE_FIRST_NAME}}, the salary range for {{JOB_TITLE}} is shared at interview stage; it is competitive for {{LOCATION}}."
      ),
      (
        "Recruiter will reply (email)", .email, .reply, .newCandidateOutreach,
        "Dear {{CANDIDATE_FIRST_NAME}},\n\nThank you for your question. A recruiter from {{COMPANY}} will get back to you within one business day."
      ),
      (
        "Gentle follow-up", .whatsapp, .followUp, .applicantOutreach,
        "Hi {{CANDIDATE_FIRST_NAME}}, just following up on the {{JOB_TITLE}} role — still interested?"
      ),
    ]
    var rows: [TemplateRow] = []
    for (name, channel, type, campaignType, body) in definitions {
      let sequence = try world.nextSequence("template")
      let row = TemplateRow(
        seq: sequence, id: world.makeID("template", sequence), organizationId: organizationId, name: name,
        channel: channel.rawValue, type: type.rawValue, campaignType: campaignType.rawValue, body: body)
      try row.insert(world.db)
      rows.append(row)
    }
    return rows
  }

  private static func makeCampaigns(organizationId: String, templates: [TemplateRow], in world: World, now: Int64) throws -> [Campaign] {
    func opening(_ channel: Channel, _ type: CampaignType) -> String? {
      templates.first {
        $0.channel == channel.rawValue && $0.type == TemplateType.openingMessage.rawValue && $0.campaignType == type.rawValue
      }?.id
    }
    let requests: [CampaignCreateRequest] = [
      CampaignCreateRequest(
        campaignType: .applicantOutreach, channel: .whatsapp, closingMethod: .custom,
        campaignTitle: "Senior Software Engineer",
        campaignDescription:
          "Senior Software Engineer with 5+ years experience in TypeScript, React, and AWS. Hybrid working (3 days a week in office). Salary 80-100k.",
        company: "Popp", location: "London, UK",
        customMessage:
          "Thanks for your interest! Our recruiting team will review your responses and reach out within 2 business days to schedule a chat.",
        openingMessageTemplateId: opening(.whatsapp, .applicantOutreach), agentName: "Alex", agentTone: .friendly,
        campaignStatus: .live, externalId: "ats-job-12345",
        questions: [
          .text("Do you have at least 5 years of experience with TypeScript and React?"),
          .text("Are you authorised to work in the UK without sponsorship?"), .document(["CV"]),
        ]),
      CampaignCreateRequest(
        campaignType: .applicantOutreach, channel: .sms, closingMethod: .phoneNumber,
        campaignTitle: "Warehouse Operative (Nights)",
        campaignDescription: "Night-shift warehouse operatives for our Manchester fulfilment centre. £13.50/hour plus night premium.",
        company: "Northwind Logistics", location: "Manchester, UK", contactNumber: "+441615550100",
        openingMessageTemplateId: opening(.sms, .applicantOutreach), agentName: "Sam", agentTone: .casual,
        campaignStatus: .live, externalId: "ats-job-20411",
        questions: [
          .text("Do you hold a valid counterbalance forklift licence?"),
          .text("Are you able to work night shifts (22:00–06:00)?"),
          .text("When could you start?", mandatory: false),
        ]),
      CampaignCreateRequest(
        campaignType: .newCandidateOutreach, channel: .email, closingMethod: .meetingURL,
        campaignTitle: "Registered Nurse – ICU",
        campaignDescription: "ICU registered nurses for a new critical-care unit. Tax-free salary, housing and flights included.",
        company: "Al Noor Hospital", location: "Dubai, UAE", meetingUrl: "https://cal.example.com/al-noor/icu",
        openingMessageTemplateId: opening(.email, .newCandidateOutreach), agentName: "Layla", agentTone: .professional,
        campaignStatus: .live, externalId: "ats-job-30007",
        questions: [
          .text("Are you a registered nurse with an active licence?"),
          .text("Do you have at least two years of ICU experience?"), .document(["CV", "Nursing licence"], mandatory: true),
        ]),
      CampaignCreateRequest(
        campaignType: .newCandidateOutreach, channel: .whatsapp, closingMethod: .calendarMeetingIntegration,
        campaignTitle: "Store Manager – Paris Opéra",
        campaignDescription: "Store manager for our flagship store. Team of 25, retail management experience required.",
        company: "Maison Éclat", location: "Paris, France", calendarMeetingTemplateId: "cal-template-store-managers",
        openingMessageTemplateId: opening(.whatsapp, .newCandidateOutreach), agentName: "Camille", agentTone: .professional,
        campaignStatus: .live, externalId: "ats-job-41200",
        questions: [
          .text("Have you managed a retail team of 15 or more people?"),
          .text("Do you speak French and English fluently?"),
        ]),
      CampaignCreateRequest(
        campaignType: .engagementOutreach, channel: .sms, closingMethod: .custom,
        campaignTitle: "Alumni re-engagement",
        campaignDescription: "Reconnect with silver-medal candidates from last year's hiring rounds.",
        customMessage: "Lovely to catch up! We'll keep you posted on roles that fit. Reply STOP to opt out.",
        openingMessageTemplateId: opening(.sms, .engagementOutreach), agentName: "Sam", agentTone: .casual,
        campaignStatus: .live, externalId: "crm-alumni-2026",
        questions: [.text("Are you open to new opportunities at the moment?", mandatory: false)]),
      CampaignCreateRequest(
        campaignType: .applicantOutreach, channel: .email, closingMethod: .meetingURL,
        campaignTitle: "Data Analyst (Tokyo)",
        campaignDescription: "Data analyst for our Tokyo office. SQL and Python; Japanese business level.",
        company: "Kaizen Analytics 株式会社", location: "東京, Japan", meetingUrl: "https://cal.example.com/kaizen/analyst",
        openingMessageTemplateId: opening(.email, .applicantOutreach), agentName: "Yuki", agentTone: .professional,
        campaignStatus: .draft, externalId: "ats-job-50990",
        questions: [.text("Do you have business-level Japanese (JLPT N2 or above)?"), .text("Are you comfortable with SQL and Python?")]),
    ]
    var campaigns: [Campaign] = []
    for (index, request) in requests.enumerated() {
      var campaign = try SandboxStore.createCampaign(
        in: world, organizationId: organizationId, request, at: now - Int64(20 - index) * 86_400_000)
      campaign.updatedAt = campaign.createdAt
      campaigns.append(campaign)
    }
    return campaigns
  }
}
