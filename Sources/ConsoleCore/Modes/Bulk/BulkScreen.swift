public import Foundation
public import PoppAPI

/// `b`: a CSV launch from the console, from reading the file to the row-by-row results.
/// Nothing is sent before the recruiter has seen the mapping, the counts and the first
/// problems and said yes.
public struct BulkScreen: Sendable, Hashable {
  public enum Phase: Sendable, Hashable {
    /// Reading and checking the file, and asking the server who is already in the campaign.
    case preparing
    /// The plan as read from the file, with what the campaign already holds.
    case preview(plan: BulkPlan, existing: ExistingContacts)
    case sending(BulkProgress)
    case finished(results: [BulkRowResult], report: String?, reportError: String?)
    /// The file could not be used (named problem, with its line when there is one).
    case failed(String)
  }

  /// Which results the finished screen lists.
  public enum ResultFilter: String, Sendable, Hashable, CaseIterable {
    case all, failed, queued, skipped, invalid
  }

  public var campaign: Campaign
  public var path: String
  public var phase: Phase = .preparing
  /// `shouldSendDuringBusinessHours` for every row; `h` toggles it in the preview.
  public var businessHours = true
  /// `f`: send rows the campaign already holds too.
  public var force = false
  /// Lines scrolled down in the preview or the results.
  public var scroll = 0
  public var filter = ResultFilter.all
  /// Esc while sending asks first: the batch in flight finishes either way.
  public var confirmingStop = false

  public init(campaign: Campaign, path: String) {
    self.campaign = campaign
    self.path = path
  }

  /// The plan as it will be sent: without the rows already in the campaign unless forced.
  public var effectivePlan: BulkPlan? {
    guard case .preview(let plan, let existing) = phase else { return nil }
    return force ? plan : plan.skipping(existing: existing)
  }

  public func results(_ filter: ResultFilter) -> [BulkRowResult] {
    guard case .finished(let results, _, _) = phase else { return [] }
    switch filter {
    case .all: return results
    case .failed: return results.filter { $0.status == .failed || $0.status == .notSent }
    case .queued: return results.filter { $0.status == .queued }
    case .skipped: return results.filter { $0.status == .skipped }
    case .invalid: return results.filter { $0.status == .invalid }
    }
  }
}
