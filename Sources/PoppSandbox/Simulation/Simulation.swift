import Foundation
import GRDB
import PoppAPI

/// The simulated agent and candidates. Each conversation holds at most one pending event;
/// running the simulation to a time processes every event due by then, in time order, each
/// stamped with its own scheduled time so that a fast-forward writes realistic histories.
enum Simulation {
  /// Processes due events until none is left at or before `now`. Returns how many ran.
  @discardableResult
  static func run(in world: inout World, until now: Int64, batch: Int = 500) throws -> Int {
    try run(in: &world, until: now, batch: batch, inserting: [])
  }

  /// Processes due events, of the stored conversations and of `conversations` (rows not
  /// yet in the database, as a demo being seeded), until none is left at or before `now`;
  /// then writes back the stored ones that changed and inserts the new ones as they ended.
  /// Returns how many events ran.
  ///
  /// The events run in the order they always have, which fixes the `seq` (and so the id) of
  /// every message: in batches of `batch`, each the earliest due by (time, conversation),
  /// an event scheduled during a batch waiting for the next one.
  @discardableResult
  static func run(
    in world: inout World, until now: Int64, batch: Int = 500, inserting conversations: consuming [ConversationRow]
  ) throws -> Int {
    let newCount = conversations.count
    // The stored due ones join the new ones in the array the caller handed over: a demo's
    // hundred thousand rows are held once.
    conversations += try ConversationRow.fetchAll(world.db, where: "nextEventAt <= ?", arguments: [now])
    var queue = EventQueue(conversations: consume conversations)
    let processed = try queue.run(until: now, batch: batch, in: &world)
    for (index, conversation) in queue.conversations.enumerated() {
      if index < newCount {
        try world.insert(conversation)
      } else if queue.changed[index] {
        try world.save(conversation)
      }
    }
    return processed
  }

  static func handle(_ event: SimulationEvent, at time: Int64, for conversation: inout ConversationRow, in world: inout World) throws {
    guard let campaign = try world.campaign(id: conversation.campaignId) else { return }
    // The row moves into the turn and back rather than being copied each way, which would
    // retain and release each of its Strings: seeding 100,000 runs 700,000 turns.
    var turn = Turn(conversation: .vacant, campaign: campaign, time: time)
    swap(&turn.conversation, &conversation)
    defer { swap(&turn.conversation, &conversation) }
    switch event {
    case .queue: try turn.queue(in: world)
    case .sendOpening: try turn.sendOpening(in: world)
    case .candidateReply: try turn.candidateReply(in: world)
    case .agentTurn: try turn.agentTurn(in: world)
    case .nudge: try turn.nudge(in: world)
    case .candidateConfirm: try turn.candidateConfirm(in: world)
    case .candidateAnswersRecruiter: try turn.candidateAnswersRecruiter(in: world)
    }
  }
}

/// One step of one conversation.
struct Turn {
  var conversation: ConversationRow
  let campaign: Campaign
  let time: Int64

  private static let second: Int64 = 1000
  private static let minute: Int64 = 60 * second
  private static let hour: Int64 = 60 * minute

  /// A deterministic roll for this conversation at this step.
  func roll(_ salt: String) -> UInt64 {
    SeededRandom.hash(
      UInt64(bitPattern: conversation.personaSeed), SeededRandom.hash(salt),
      UInt64(bitPattern: Int64(conversation.questionIndex + 1)), UInt64(conversation.nudges))
  }

  func delay(_ salt: String, from low: Int64, to high: Int64) -> Int64 {
    low + Int64(roll(salt) % UInt64(max(high - low, 1)))
  }

  var questions: [Question] { campaign.questions }
  var channel: Channel { Channel(rawValue: conversation.channel) }

  mutating func touch() { conversation.updatedAt = max(conversation.updatedAt, time) }

  // MARK: Lifecycle

  mutating func queue(in world: World) throws {
    guard conversation.conversationStatus == .created else { return }
    conversation.conversationStatus = .queued
    conversation.phase = .pendingOpening
    touch()
    var sendAt = time + 4 * Self.second
    if conversation.businessHours {
      sendAt = BusinessHours.nextOpening(after: sendAt, phoneNumber: conversation.phoneNumber)
    }
    conversation.schedule(.sendOpening, at: sendAt)
  }

  mutating func sendOpening(in world: World) throws {
    guard conversation.conversationStatus == .queued || conversation.conversationStatus == .created else { return }
    let text = openingText(in: world)
    if conversation.persona == .undeliverable {
      try world.append(text, from: .agent, status: .failed, to: &conversation, at: time)
      try world.append(Script.deliveryFailed(channel: channel), from: .system, status: .delivered, to: &conversation, at: time + 1)
      conversation.conversationStatus = .deliveryFailed
      conversation.phase = .done
      return
    }
    try world.append(text, from: .agent, status: .delivered, to: &conversation, at: time)
    conversation.conversationStatus = .ongoing
    conversation.conversationStage = .initial
    conversation.phase = .awaitingCandidate
    conversation.questionIndex = -1
    scheduleCandidate()
  }

  private func openingText(in world: World) -> String {
    if let custom = conversation.openingMessage { return custom }
    let values = TemplateRendering.Values(
      candidateFirstName: conversation.firstName, candidateLastName: conversation.lastName,
      agentName: campaign.agent?.agentName, company: campaign.company, jobTitle: campaign.campaignTitle,
      location: campaign.location)
    if let templateId = campaign.templateId,
      let body = try? world.templateBody(id: templateId)
    {
      return world.memory.render(body, with: values)
    }
    if let custom = campaign.customTemplatedMessage { return world.memory.render(custom, with: values) }
    return Script.opening(firstName: conversation.firstName, campaign: campaign)
  }

  /// The candidate's next move after the agent spoke, by persona.
  mutating func scheduleCandidate() {
    switch conversation.persona {
    case .ghost:
      conversation.schedule(.nudge, at: time + 24 * Self.hour)
    case .undeliverable:
      conversation.schedule(nil, at: nil)
    default:
      let wait =
        conversation.questionIndex < 0
        ? delay("first-reply", from: 20 * Self.second, to: 20 * Self.minute)
        : delay("answer", from: 15 * Self.second, to: 8 * Self.minute)
      conversation.schedule(.candidateReply, at: time + wait)
    }
  }

  mutating func candidateReply(in world: World) throws {
    guard conversation.phase == .awaitingCandidate || conversation.phase == .parked else { return }
    let index = conversation.questionIndex
    let question = index >= 0 && index < questions.count ? questions[index] : nil
    let text: String
    switch conversation.persona {
    case .optOut where index >= Int(roll("stop-at") % UInt64(max(questions.count, 1))):
      text = "STOP"
    case .asker where index >= Int(roll("ask-at") % UInt64(max(questions.count, 1))) && conversation.phase != .parked:
      text = Script.unanswerable(roll: roll("unanswerable"))
    case .failer:
      let firstMandatory = questions.firstIndex { $0.gatesResult && $0.questionType == .text }
      text = Script.answer(to: question, positive: index != firstMandatory, roll: roll("failer"))
    default:
      text = Script.answer(to: question, positive: true, roll: roll("answer"))
    }
    try receive(text, in: world)
  }

  /// A candidate message arrives (simulated or injected through the control surface).
  mutating func receive(_ text: String, in world: World) throws {
    try world.append(text, from: .candidate, status: .received, to: &conversation, at: time)
    guard conversation.phase != .done, !conversation.conversationStatus.isFinal else { return }
    if world.memory.isOptOut(text) {
      try world.append(Script.optedOut, from: .system, status: .delivered, to: &conversation, at: time + 1)
      conversation.conversationStatus = .optedOut
      conversation.phase = .done
      conversation.schedule(nil, at: nil)
      return
    }
    switch conversation.phase {
    case .awaitingCandidate, .awaitingConfirmation, .parked:
      conversation.pendingAnswer = text
      if !conversation.isHumanTakeover && conversation.phase != .parked {
        conversation.schedule(.agentTurn, at: time + delay("think", from: 3 * Self.second, to: 15 * Self.second))
      }
    case .pendingQueue, .pendingOpening, .done:
      break
    }
  }

  mutating func agentTurn(in world: World) throws {
    guard !conversation.isHumanTakeover, conversation.phase != .done, conversation.phase != .parked else { return }
    let answer = conversation.pendingAnswer
    conversation.pendingAnswer = nil
    // Its bytes, not its Characters: a "?" is a question whatever follows it, and the scan is a
    // byte loop where `contains(Character)` breaks the text into graphemes.
    if let answer, answer.utf8.contains(UInt8(ascii: "?")) {
      try flag(reason: "Candidate asked a question the agent cannot answer: \u{201C}\(answer)\u{201D}", in: world, holdingMessage: true)
      return
    }
    if conversation.phase == .awaitingConfirmation {
      guard answer != nil else { return }
      try world.append(Script.closingAcknowledged(), from: .agent, status: .delivered, to: &conversation, at: time)
      conversation.conversationStatus = .completedScreeningPassed
      conversation.phase = .done
      return
    }
    guard let answer else {
      try ask(max(conversation.questionIndex, 0), resuming: true, in: world)
      return
    }
    let index = conversation.questionIndex
    if index >= 0 && index < questions.count {
      let question = questions[index]
      let failed = question.gatesResult && question.questionType == .text && world.memory.isNegative(answer)
      let outcome = ScreeningQuestionOutcome(
        screeningQuestion: question.content ?? "Documents: " + (question.documentTypes ?? []).joined(separator: ", "),
        questionOutcome: failed ? .failed : .passed, responseSummary: String(answer.prefix(140)))
      conversation.appendScreeningOutcome(encoded: world.memory.encoded(outcome))
      if failed {
        try world.append(Script.rejection(firstName: conversation.firstName), from: .agent, status: .delivered, to: &conversation, at: time)
        conversation.conversationStatus = .completedScreeningFailed
        conversation.conversationStage = .closing
        conversation.phase = .done
        return
      }
    }
    try ask(index + 1, resuming: false, in: world)
  }

  /// Asks question `index`, or closes when the questions are done.
  mutating func ask(_ index: Int, resuming: Bool, in world: World) throws {
    guard index < questions.count else {
      try world.append(Script.closing(for: campaign), from: .agent, status: .delivered, to: &conversation, at: time)
      conversation.conversationStatus = campaign.closingMethod.successStatus
      conversation.conversationStage = .closing
      conversation.phase = .awaitingConfirmation
      conversation.questionIndex = questions.count
      if conversation.persona == .passer {
        conversation.schedule(.candidateConfirm, at: time + delay("confirm", from: Self.hour, to: 6 * Self.hour))
      }
      return
    }
    conversation.questionIndex = index
    conversation.conversationStage = .screening
    conversation.phase = .awaitingCandidate
    try world.append(
      Script.ask(questions[index], index: index, resuming: resuming), from: .agent, status: .delivered, to: &conversation, at: time)
    scheduleCandidate()
  }

  mutating func nudge(in world: World) throws {
    guard conversation.phase == .awaitingCandidate, !conversation.isHumanTakeover else { return }
    conversation.nudges += 1
    if conversation.nudges <= 2 {
      try world.append(
        Script.nudge(firstName: conversation.firstName, count: conversation.nudges), from: .agent, status: .delivered, to: &conversation,
        at: time)
      conversation.schedule(.nudge, at: time + 24 * Self.hour)
    } else {
      try world.append(Script.closedAfterNudges, from: .system, status: .delivered, to: &conversation, at: time)
      conversation.conversationStatus = .closed
      conversation.phase = .done
    }
  }

  mutating func candidateConfirm(in world: World) throws {
    guard conversation.phase == .awaitingConfirmation else { return }
    try receive(Script.confirmation(roll: roll("confirmation")), in: world)
  }

  mutating func candidateAnswersRecruiter(in world: World) throws {
    guard !conversation.conversationStatus.isFinal else { return }
    try world.append(Script.replyToRecruiter(roll: roll("to-recruiter")), from: .candidate, status: .received, to: &conversation, at: time)
  }

  // MARK: Review, takeover and hand-back

  /// Flags the conversation for review and parks the agent until a human hands it back.
  mutating func flag(reason: String, in world: World, holdingMessage: Bool) throws {
    conversation.needsReview = true
    conversation.needsReviewReason = reason
    touch()
    if holdingMessage {
      try world.append(Script.flaggedHolding(), from: .agent, status: .delivered, to: &conversation, at: time)
    }
    if conversation.conversationStatus.isActive {
      conversation.phase = .parked
      if conversation.pendingEvent == .agentTurn || conversation.pendingEvent == .nudge || conversation.pendingEvent == .candidateConfirm {
        conversation.schedule(nil, at: nil)
      }
    }
  }

  mutating func takeOver() {
    conversation.isHumanTakeover = true
    touch()
    if conversation.pendingEvent == .agentTurn || conversation.pendingEvent == .nudge {
      conversation.schedule(nil, at: nil)
    }
  }

  mutating func recruiterSent() {
    touch()
    guard conversation.pendingEvent == nil, conversation.persona != .ghost, conversation.persona != .undeliverable else { return }
    conversation.schedule(.candidateAnswersRecruiter, at: time + delay("recruiter-reply", from: 20 * Self.second, to: 3 * Self.minute))
  }

  /// The agent resumes where it stopped.
  mutating func handBack() {
    conversation.isHumanTakeover = false
    conversation.needsReview = false
    conversation.needsReviewReason = nil
    touch()
    let status = conversation.conversationStatus
    if status == .ongoing {
      conversation.phase = .awaitingCandidate
      conversation.schedule(.agentTurn, at: time + 5 * Self.second)
    } else if status.isActive {
      conversation.phase = .awaitingConfirmation
      if conversation.pendingAnswer != nil {
        conversation.schedule(.agentTurn, at: time + 5 * Self.second)
      } else if conversation.persona == .passer && conversation.pendingEvent == nil {
        conversation.schedule(.candidateConfirm, at: time + delay("confirm", from: Self.hour, to: 6 * Self.hour))
      }
    }
  }
}

extension ConversationStatus {
  /// Nothing more happens to a conversation in these statuses.
  var isFinal: Bool { !canStillChange }
}
