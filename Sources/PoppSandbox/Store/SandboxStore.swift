import Foundation
import GRDB
import PoppAPI

/// The sandbox's state and the operations of the API on it. Every operation runs in one
/// SQLite transaction: a request that fails changes nothing.
final class SandboxStore: Sendable {
  let database: DatabaseQueue
  let clock: SimulationClock
  let seed: UInt64
  /// Organization id → API key, fixed at start.
  let organizations: [String: String]

  init(database: DatabaseQueue, clock: SimulationClock, seed: UInt64, organizations: [(id: String, apiKey: String)]) throws {
    self.database = database
    self.clock = clock
    self.seed = seed
    try database.write { db in
      for organization in organizations {
        try OrganizationRow(id: organization.id, apiKey: organization.apiKey).upsert(db)
      }
    }
    var known: [String: String] = [:]
    for organization in organizations { known[organization.id] = organization.apiKey }
    self.organizations = known
  }

  func authenticate(organizationId: String?, apiKey: String?) -> Bool {
    guard let organizationId, let apiKey, let expected = organizations[organizationId] else { return false }
    return Self.constantTimeEquals(expected, apiKey)
  }

  private static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
  }

  /// Runs `body` in a write transaction with the simulation brought up to now first, so that
  /// every answer reflects the simulated present.
  func write<T: Sendable>(_ body: @escaping @Sendable (inout World, Int64) throws -> T) async throws -> T {
    let now = clock.nowMilliseconds
    let seed = self.seed
    return try await database.write { db in
      var world = World(db: db, seed: seed)
      try Simulation.run(in: &world, until: now)
      return try body(&world, now)
    }
  }

  func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
    try await database.read(body)
  }

  /// Runs the simulation up to the clock's now; returns the number of events processed.
  @discardableResult
  func runSimulation() async throws -> Int {
    try await write { world, now in try Simulation.run(in: &world, until: now) }
  }

  // MARK: Templates and agents

  func templates(organizationId: String) async throws -> [Template] {
    try await read { db in
      try TemplateRow.filter(Column("organizationId") == organizationId).order(Column("seq")).fetchAll(db).map(\.resource)
    }
  }

  func agents(organizationId: String) async throws -> [Agent] {
    try await read { db in
      try AgentRow.filter(Column("organizationId") == organizationId).order(Column("seq")).fetchAll(db).map(\.resource)
    }
  }

  // MARK: Campaigns

  func createCampaign(organizationId: String, _ request: CampaignCreateRequest) async throws -> Campaign {
    try await write { world, now in try Self.createCampaign(in: world, organizationId: organizationId, request, at: now) }
  }

  static func createCampaign(in world: World, organizationId: String, _ request: CampaignCreateRequest, at now: Int64) throws -> Campaign {
    let db = world.db
    let errors = CampaignValidation.errors(in: request, template: templateLookup(db, organizationId: organizationId))
    if let first = errors.first { throw APIError.badRequest(first) }
    let agent = try agent(in: world, organizationId: organizationId, name: request.agentName, tone: request.agentTone)
    let sequence = try world.nextSequence("campaign")
    let campaign = Campaign(
      id: world.makeID("campaign", sequence), organizationId: organizationId,
      type: request.campaignType!, channel: request.channel!, closingMethod: request.closingMethod!,
      campaignStatus: request.campaignStatus ?? .live, campaignTitle: request.campaignTitle!,
      campaignDescription: request.campaignDescription, company: request.company,
      location: request.location, templateId: request.openingMessageTemplateId,
      customTemplatedMessage: request.customTemplatedMessage, customRequest: request.customMessage,
      meetingUrl: request.meetingUrl, contactNumber: request.contactNumber,
      calendarMeetingTemplateId: request.calendarMeetingTemplateId, externalId: request.externalId,
      agent: agent, jobDescriptionParsed: parse(request), questions: request.questions ?? [],
      createdAt: Date(milliseconds: now), updatedAt: Date(milliseconds: now))
    try CampaignRow(campaign, seq: sequence).insert(db)
    return campaign
  }

  private static func parse(_ request: CampaignCreateRequest) -> JobDescriptionParsed {
    let description = request.campaignDescription ?? ""
    let summary = description.split(separator: ".", maxSplits: 1).first.map { String($0).trimmingCharacters(in: .whitespaces) + "." }
    return JobDescriptionParsed(employerName: request.company, jobTitle: request.campaignTitle, summaryOfRole: summary)
  }

  private static func agent(in world: World, organizationId: String, name: String?, tone: AgentTone?) throws -> Agent {
    let name = (name?.isEmpty == false ? name : nil) ?? "Alex"
    let tone = tone ?? .friendly
    if let existing = try AgentRow.filter(
      Column("organizationId") == organizationId && Column("agentName") == name && Column("agentTone") == tone.rawValue
    ).fetchOne(world.db) {
      return existing.resource
    }
    let sequence = try world.nextSequence("agent")
    let row = AgentRow(
      seq: sequence, id: world.makeID("agent", sequence), organizationId: organizationId, agentName: name, agentTone: tone.rawValue)
    try row.insert(world.db)
    return row.resource
  }

  static func templateLookup(_ db: Database, organizationId: String) -> CampaignValidation.TemplateLookup {
    let templates = (try? TemplateRow.filter(Column("organizationId") == organizationId).fetchAll(db)) ?? []
    let byId = Dictionary(templates.map { ($0.id, $0.resource) }, uniquingKeysWith: { first, _ in first })
    return { id in byId[id].map { .found($0) } ?? .missing }
  }

  func campaigns(organizationId: String, query: [String: String]) async throws -> Page<Campaign> {
    let parameters = try ListParameters(query: query)
    var filters = ["organizationId = ?"]
    var arguments: [any DatabaseValueConvertible] = [organizationId]
    if let raw = query["campaignStatus"] {
      let status = CampaignStatus(rawValue: raw.uppercased())
      guard status.isKnown else {
        throw APIError.badRequest("campaignStatus must be one of \(CampaignStatus.knownValuesList), not \"\(raw)\"")
      }
      filters.append("campaignStatus = ?")
      arguments.append(status.rawValue)
    }
    let (rows, next) = try await page(
      of: CampaignRow.self, table: "campaign", filters: filters, arguments: arguments, parameters: parameters)
    return Page(data: try rows.map { try $0.campaign() }, nextToken: next)
  }

  func campaign(organizationId: String, id: String) async throws -> Campaign {
    try await read { db in try Self.campaignRow(db, organizationId: organizationId, id: id).campaign() }
  }

  static func campaignRow(_ db: Database, organizationId: String, id: String) throws -> CampaignRow {
    guard let row = try CampaignRow.filter(Column("id") == id && Column("organizationId") == organizationId).fetchOne(db) else {
      throw APIError.notFound("campaign \(id)")
    }
    return row
  }

  func updateCampaign(organizationId: String, id: String, _ update: CampaignUpdateRequest) async throws -> Campaign {
    try await write { world, now in
      let row = try Self.campaignRow(world.db, organizationId: organizationId, id: id)
      var campaign = try row.campaign()
      let errors = CampaignValidation.errors(
        afterApplying: update, to: campaign, template: Self.templateLookup(world.db, organizationId: organizationId))
      if let first = errors.first { throw APIError.badRequest(first) }
      let merged = campaign.createRequest(applying: update)
      if update.agentName != nil || update.agentTone != nil {
        campaign.agent = try Self.agent(in: world, organizationId: organizationId, name: merged.agentName, tone: merged.agentTone)
      }
      campaign.channel = merged.channel ?? campaign.channel
      campaign.closingMethod = merged.closingMethod ?? campaign.closingMethod
      campaign.campaignTitle = merged.campaignTitle ?? campaign.campaignTitle
      campaign.campaignDescription = merged.campaignDescription
      campaign.company = merged.company
      campaign.location = merged.location
      campaign.customRequest = merged.customMessage
      campaign.meetingUrl = merged.meetingUrl
      campaign.contactNumber = merged.contactNumber
      campaign.calendarMeetingTemplateId = merged.calendarMeetingTemplateId
      campaign.templateId = merged.openingMessageTemplateId
      campaign.customTemplatedMessage = merged.customTemplatedMessage
      campaign.campaignStatus = merged.campaignStatus ?? campaign.campaignStatus
      campaign.externalId = merged.externalId
      campaign.jobDescriptionParsed = Self.parse(merged)
      campaign.updatedAt = Date(milliseconds: now)
      try CampaignRow(campaign, seq: row.seq).update(world.db)
      return campaign
    }
  }

  // MARK: Conversations

  func createConversation(organizationId: String, _ request: ConversationCreateRequest) async throws {
    try await write { world, now in
      let campaign = try Self.launchableCampaign(
        world.db, organizationId: organizationId, id: request.campaignId, externalId: request.externalCampaignId,
        missing: { APIError.notFound($0) })
      if let first = ConversationValidation.errors(in: request, channel: campaign.channel).first { throw APIError.badRequest(first) }
      var sequence = try world.nextSequence("conversation")
      try Self.insertConversation(in: world, request, campaign: campaign, sequence: &sequence, at: now)
    }
  }

  func createConversations(organizationId: String, _ request: BulkConversationRequest) async throws -> BulkConversationResponse {
    guard let contacts = request.contacts, !contacts.isEmpty else {
      throw APIError.badRequest("contacts must hold 1 to \(BulkConversationRequest.maximumContacts) contacts")
    }
    guard contacts.count <= BulkConversationRequest.maximumContacts else {
      throw APIError.badRequest(
        "contacts holds \(contacts.count) contacts; at most \(BulkConversationRequest.maximumContacts) are accepted per request")
    }
    return try await write { world, now in
      guard let campaignId = request.campaignId, !campaignId.isEmpty else { throw APIError.badRequest("campaignId is required") }
      let campaign = try Self.launchableCampaign(
        world.db, organizationId: organizationId, id: campaignId, externalId: nil, missing: { APIError.badRequest("campaignId: \($0)") })
      var sequence = try world.nextSequence("conversation")
      var results: [BulkConversationResponse.Result] = []
      results.reserveCapacity(contacts.count)
      for (index, contact) in contacts.enumerated() {
        let single = contact.request(campaignId: campaign.id, businessHours: request.shouldSendDuringBusinessHours)
        if let problem = ConversationValidation.errors(in: single, channel: campaign.channel).first {
          results.append(.init(index: index, firstName: contact.firstName, status: .failed, error: problem.description))
          continue
        }
        try Self.insertConversation(in: world, single, campaign: campaign, sequence: &sequence, at: now)
        results.append(.init(index: index, firstName: contact.firstName, status: .queued))
      }
      let queued = results.filter { $0.status == .queued }.count
      return BulkConversationResponse(
        message: "Bulk conversation creation completed", total: contacts.count, queued: queued,
        failed: contacts.count - queued, results: results)
    }
  }

  private static func launchableCampaign(
    _ db: Database, organizationId: String, id: String?, externalId: String?, missing: (String) -> APIError
  ) throws -> Campaign {
    let row: CampaignRow?
    if let id, !id.isEmpty {
      row = try CampaignRow.filter(Column("id") == id && Column("organizationId") == organizationId).fetchOne(db)
    } else if let externalId, !externalId.isEmpty {
      row = try CampaignRow.filter(Column("externalId") == externalId && Column("organizationId") == organizationId).order(
        Column("seq").desc
      ).fetchOne(db)
    } else {
      throw APIError.badRequest("campaignId is required (or externalCampaignId)")
    }
    guard let campaign = try row?.campaign() else { throw missing("campaign \(id ?? externalId ?? "") not found") }
    guard campaign.campaignStatus == .live else {
      throw APIError.conflict(
        "campaign \(campaign.id) is \(campaign.campaignStatus), not LIVE: conversations can only start on a LIVE campaign")
    }
    return campaign
  }

  private static func insertConversation(
    in world: World, _ request: ConversationCreateRequest, campaign: Campaign, sequence: inout Int64, at now: Int64
  ) throws {
    let db = world.db
    let organizationId = campaign.organizationId ?? ""
    let contact = campaign.channel.usesEmail ? (request.emailAddress ?? "").lowercased() : (request.phoneNumber ?? "")
    let candidateId = DeterministicID.make(
      seed: world.seed, kind: "candidate:" + organizationId, sequence: Int64(bitPattern: SeededRandom.hash(contact)))
    if request.closePreviousConversations == true {
      let previous = try ConversationRow.filter(Column("organizationId") == organizationId && Column("candidateId") == candidateId)
        .fetchAll(db)
      for var old in previous where !old.conversationStatus.isFinal {
        old.conversationStatus = .closed
        old.phase = .done
        old.schedule(nil, at: nil)
        old.updatedAt = now
        try old.update(db)
      }
    }
    let id = world.makeID("conversation", sequence)
    let personaSeed = Int64(bitPattern: SeededRandom.hash(world.seed, UInt64(bitPattern: sequence)))
    let row = ConversationRow(
      seq: sequence, id: id, organizationId: organizationId, campaignId: campaign.id,
      externalId: request.externalId, externalCampaignId: campaign.externalId, candidateId: candidateId,
      firstName: request.firstName ?? "", lastName: request.lastName,
      phoneNumber: campaign.channel.usesEmail ? nil : request.phoneNumber,
      emailAddress: campaign.channel.usesEmail ? request.emailAddress : nil,
      channel: campaign.channel.rawValue, status: ConversationStatus.created.rawValue,
      stage: ConversationStage.initial.rawValue, needsReview: false, needsReviewReason: nil,
      isHumanTakeover: false, outcomes: "[]", lastMessageAt: nil, createdAt: now, updatedAt: now,
      openingMessage: request.openingMessage, additionalContext: request.additionalContext,
      businessHours: request.shouldSendDuringBusinessHours ?? false,
      persona: PersonaMix.persona(for: UInt64(bitPattern: personaSeed), contact: contact),
      personaSeed: personaSeed, phase: .pendingQueue, questionIndex: -1, nudges: 0,
      pendingEvent: .queue, nextEventAt: now + 2000, pendingAnswer: nil)
    try row.insert(db)
    sequence += 1
  }

  func conversations(organizationId: String, query: [String: String]) async throws -> Page<Conversation> {
    let parameters = try ListParameters(query: query)
    var filters = ["organizationId = ?"]
    var arguments: [any DatabaseValueConvertible] = [organizationId]
    if let campaignId = query["campaignId"] {
      filters.append("campaignId = ?")
      arguments.append(campaignId)
    }
    if let raw = query["conversationStatus"] {
      // "" (and ",,") name no status: an empty IN () would silently list nothing.
      let statuses = raw.split(separator: ",", omittingEmptySubsequences: false).map {
        ConversationStatus(rawValue: String($0).uppercased())
      }
      if let bad = statuses.first(where: { !$0.isKnown }) {
        throw APIError.badRequest("conversationStatus must be one of \(ConversationStatus.knownValuesList), not \"\(bad.rawValue)\"")
      }
      filters.append("status IN (\(statuses.map { _ in "?" }.joined(separator: ",")))")
      arguments += statuses.map(\.rawValue)
    }
    for flag in ["needsReview", "isHumanTakeover"] {
      guard let raw = query[flag] else { continue }
      guard let value = Bool(raw.lowercased()) else { throw APIError.badRequest("\(flag) must be true or false, not \"\(raw)\"") }
      filters.append("\(flag) = ?")
      arguments.append(value)
    }
    if let raw = query["updatedSince"] {
      guard let date = Timestamp.parse(raw) else { throw APIError.badRequest("updatedSince must be an ISO 8601 timestamp, not \"\(raw)\"") }
      filters.append("updatedAt >= ?")
      arguments.append(date.milliseconds)
    }
    let (rows, next) = try await page(
      of: ConversationRow.self, table: "conversation", filters: filters, arguments: arguments, parameters: parameters)
    return Page(data: rows.map { $0.resource() }, nextToken: next)
  }

  func conversation(organizationId: String, id: String) async throws -> Conversation {
    try await write { world, _ in try Self.conversationRow(world.db, organizationId: organizationId, id: id).resource() }
  }

  static func conversationRow(_ db: Database, organizationId: String, id: String) throws -> ConversationRow {
    guard let row = try ConversationRow.filter(Column("id") == id && Column("organizationId") == organizationId).fetchOne(db) else {
      throw APIError.notFound("conversation \(id)")
    }
    return row
  }

  func messages(organizationId: String, conversationId: String, query: [String: String]) async throws -> Page<Message> {
    let parameters = try ListParameters(query: query)
    _ = try await read { db in try Self.conversationRow(db, organizationId: organizationId, id: conversationId) }
    let (rows, next) = try await page(
      of: MessageRow.self, table: "message", filters: ["conversationId = ?"], arguments: [conversationId], parameters: parameters)
    return Page(data: rows.map(\.resource), nextToken: next)
  }

  /// One page of `table` in (createdAt, seq) order after the token, with the token of the
  /// next page when there is one.
  private func page<Row: FetchableRecord & Sendable>(
    of type: Row.Type, table: String, filters: [String], arguments: [any DatabaseValueConvertible],
    parameters: ListParameters
  ) async throws -> ([Row], String?) where Row: KeyedByCreation {
    let wanted = parameters.limit + 1
    let conditions = parameters.after?.conditions ?? [("1", [])]
    let queries = conditions.map { condition in
      let sql = "SELECT * FROM \(table) WHERE \((filters + [condition.sql]).joined(separator: " AND ")) ORDER BY \(parameters.orderBy)"
      let values = arguments + condition.arguments.map { $0 as any DatabaseValueConvertible }
      return (sql, StatementArguments(values.map { $0 as (any DatabaseValueConvertible)? }))
    }
    let now = clock.nowMilliseconds
    let seed = self.seed
    var rows = try await database.write { db in
      var world = World(db: db, seed: seed)
      try Simulation.run(in: &world, until: now)
      var rows: [Row] = []
      for (sql, values) in queries where rows.count < wanted {
        rows += try Row.fetchAll(db, sql: sql + " LIMIT \(wanted - rows.count)", arguments: values)
      }
      return rows
    }
    var next: String?
    if rows.count > parameters.limit {
      rows.removeLast()
      if let last = rows.last {
        next = PageToken(descending: parameters.descending, createdAt: last.createdAt, seq: last.seq ?? 0).encoded
      }
    }
    return (rows, next)
  }

  // MARK: Takeover, messages, hand-back

  func takeOver(organizationId: String, id: String) async throws -> TakeoverResponse {
    try await write { world, now in
      let row = try Self.conversationRow(world.db, organizationId: organizationId, id: id)
      guard row.conversationStatus.isActive else {
        throw APIError.conflict(
          "conversation \(id) is \(row.conversationStatus): only ONGOING, COMPLETED_MEETING_REQUESTED, COMPLETED_AWAITING_CALL or COMPLETED_CUSTOM_REQUEST conversations can be taken over"
        )
      }
      var turn = try Self.turn(for: row, in: &world, at: now)
      if !row.isHumanTakeover { turn.takeOver() }
      try world.save(turn.conversation)
      return TakeoverResponse(id: id, isHumanTakeover: true, conversationStatus: turn.conversation.conversationStatus)
    }
  }

  func sendMessage(organizationId: String, conversationId: String, _ request: SendMessageRequest) async throws -> Message {
    try await write { world, now in
      let row = try Self.conversationRow(world.db, organizationId: organizationId, id: conversationId)
      if let first = ConversationValidation.errors(in: request).first { throw APIError.badRequest(first) }
      guard row.conversationStatus.isActive else {
        throw APIError.conflict(
          "conversation \(conversationId) is \(row.conversationStatus): messages can only be sent in an active conversation")
      }
      guard row.isHumanTakeover else {
        throw APIError.conflict("conversation \(conversationId) is not taken over: POST /v1/conversations/\(conversationId)/takeover first")
      }
      var turn = try Self.turn(for: row, in: &world, at: now)
      var body = request.messageBody ?? ""
      if let templateId = request.templateId {
        guard
          let template = try TemplateRow.filter(Column("id") == templateId && Column("organizationId") == organizationId).fetchOne(world.db)
        else {
          throw APIError.badRequest("templateId names no template of this organization")
        }
        guard template.channel == row.channel else {
          throw APIError.badRequest("templateId names a \(template.channel) template; this conversation is on \(row.channel)")
        }
        body = TemplateRendering.render(
          template.body,
          with: TemplateRendering.Values(
            candidateFirstName: row.firstName, candidateLastName: row.lastName, agentName: turn.campaign.agent?.agentName,
            company: turn.campaign.company, jobTitle: turn.campaign.campaignTitle, location: turn.campaign.location))
      }
      let message = try world.append(
        body, from: .user, status: .sentSuccess, templateId: request.templateId, to: &turn.conversation, at: now)
      turn.recruiterSent()
      try world.save(turn.conversation)
      return message.resource
    }
  }

  func handBack(organizationId: String, id: String) async throws -> HandBackResponse {
    try await write { world, now in
      let row = try Self.conversationRow(world.db, organizationId: organizationId, id: id)
      guard row.isHumanTakeover else {
        throw APIError.conflict("conversation \(id) is not taken over, so it cannot be handed back")
      }
      var turn = try Self.turn(for: row, in: &world, at: now)
      turn.handBack()
      try world.save(turn.conversation)
      let conversation = turn.conversation
      return HandBackResponse(
        id: id, status: conversation.conversationStatus, stage: conversation.conversationStage, isHumanTakeover: false)
    }
  }

  private static func turn(for row: ConversationRow, in world: inout World, at now: Int64) throws -> Turn {
    guard let campaign = try world.campaign(id: row.campaignId) else { throw APIError.notFound("campaign \(row.campaignId)") }
    return Turn(conversation: row, campaign: campaign, time: now)
  }

  // MARK: Control surface

  func injectCandidateMessage(organizationId: String, conversationId: String, body: String) async throws -> Message {
    try await write { world, now in
      let row = try Self.conversationRow(world.db, organizationId: organizationId, id: conversationId)
      var turn = try Self.turn(for: row, in: &world, at: now)
      try turn.receive(body, in: world)
      try world.save(turn.conversation)
      let message = try MessageRow.filter(Column("conversationId") == conversationId).order(Column("seq").desc).fetchOne(world.db)
      // `receive` may append a SYSTEM line after the candidate's (opt-out): return the candidate's.
      if message?.sender != MessageSender.candidate.rawValue {
        return try MessageRow.filter(Column("conversationId") == conversationId && Column("sender") == MessageSender.candidate.rawValue)
          .order(Column("seq").desc).fetchOne(world.db)!.resource
      }
      return message!.resource
    }
  }

  func flag(organizationId: String, conversationId: String, reason: String) async throws -> Conversation {
    try await write { world, now in
      let row = try Self.conversationRow(world.db, organizationId: organizationId, id: conversationId)
      var turn = try Self.turn(for: row, in: &world, at: now)
      try turn.flag(reason: reason, in: world, holdingMessage: false)
      try world.save(turn.conversation)
      return turn.conversation.resource()
    }
  }

  /// Moves the clock and runs the simulation to the new now.
  func advanceClock(seconds: Double) async throws -> Date {
    let now = clock.advance(by: seconds)
    try await write { world, _ in try Simulation.run(in: &world, until: now) }
    return Date(milliseconds: now)
  }
}

/// Rows listed in (createdAt, seq) order.
protocol KeyedByCreation {
  var createdAt: Int64 { get }
  var seq: Int64? { get }
}

extension CampaignRow: KeyedByCreation {}
extension ConversationRow: KeyedByCreation {}
extension MessageRow: KeyedByCreation {}

/// How often each persona occurs among new conversations.
enum PersonaMix {
  static let weights: [(Persona, UInt64)] = [
    (.passer, 26), (.passerSilent, 12), (.failer, 14), (.asker, 14), (.optOut, 8), (.ghost, 14),
    (.undeliverable, 6),
  ]

  static func persona(for roll: UInt64, contact: String) -> Persona {
    // An email address named after a persona (asker@example.com, ghost+2@example.com) picks
    // it, so that trainers and tests can stage a scenario on an EMAIL campaign.
    if let forced = forcedPersona(contact) { return forced }
    let total = weights.reduce(0) { $0 + $1.1 }
    var point = roll % total
    for (persona, weight) in weights {
      if point < weight { return persona }
      point -= weight
    }
    return .passer
  }

  static func forcedPersona(_ contact: String) -> Persona? {
    let lower = contact.lowercased()
    for persona in Persona.allCases
    where lower.hasPrefix(persona.rawValue.lowercased() + "@") || lower.hasPrefix(persona.rawValue.lowercased() + "+") {
      return persona
    }
    return nil
  }
}
