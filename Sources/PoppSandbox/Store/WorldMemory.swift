import Foundation
import GRDB
import PoppAPI

/// What a world remembers within its transaction. The simulation computes the same few texts
/// again and again (a demo's openings for each of its conversations; whether a reply from the
/// scripts opts out or says no; the outcome a scripted answer records), and Foundation's
/// string and JSON work on them was a third of seeding a large demo. Each answer here is the
/// function's own, computed once per distinct input.
///
/// A reference, so that the copies of the world that simulation steps are handed share it.
final class WorldMemory {
  /// Messages are added only by `World.append`, so their `seq` is counted here after one look
  /// at the table, instead of asked for each message.
  var nextMessageSequence: Int64?
  /// The statement that inserts a message, found once rather than by its SQL text each time.
  private var messageInsert: Statement?
  var templateBodies: [String: String?] = [:]
  private var renderedTemplates: [RenderedTemplate: String] = [:]
  private var optOuts: [String: Bool] = [:]
  private var negatives: [String: Bool] = [:]
  private var encodedOutcomes: [ScreeningQuestionOutcome: String] = [:]

  private struct RenderedTemplate: Hashable {
    var body: String
    var values: TemplateRendering.Values
  }

  /// The statement `World.append` inserts messages with.
  func messageInsert(in db: Database) throws -> Statement {
    if let known = messageInsert { return known }
    let statement = try MessageRow.insertStatement(in: db)
    messageInsert = statement
    return statement
  }

  /// `TemplateRendering.render(body, with: values)`.
  func render(_ body: String, with values: TemplateRendering.Values) -> String {
    let key = RenderedTemplate(body: body, values: values)
    if let known = renderedTemplates[key] { return known }
    let rendered = TemplateRendering.render(body, with: values)
    renderedTemplates[key] = rendered
    return rendered
  }

  /// `Script.isOptOut(text)`.
  func isOptOut(_ text: String) -> Bool {
    if let known = optOuts[text] { return known }
    let verdict = Script.isOptOut(text)
    optOuts[text] = verdict
    return verdict
  }

  /// `Script.isNegative(answer)`.
  func isNegative(_ answer: String) -> Bool {
    if let known = negatives[answer] { return known }
    let verdict = Script.isNegative(answer)
    negatives[answer] = verdict
    return verdict
  }

  /// The outcome as the sandbox's JSON encoder writes it, or nil if it cannot.
  func encoded(_ outcome: ScreeningQuestionOutcome) -> String? {
    if let known = encodedOutcomes[outcome] { return known }
    guard let data = try? SandboxJSON.encoder.encode(outcome) else { return nil }
    let encoded = String(decoding: data, as: UTF8.self)
    encodedOutcomes[outcome] = encoded
    return encoded
  }
}
