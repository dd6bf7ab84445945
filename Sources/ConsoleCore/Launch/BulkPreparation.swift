public import PoppAPI

/// What a launch knows before anything is sent: the campaign as the server has it now, the
/// file's plan as read, and who the campaign already holds.
public struct BulkPreparation: Sendable, Hashable {
  public var campaign: Campaign
  /// Every row as the file has it, before skipping who the campaign already holds.
  public var plan: BulkPlan
  public var existing: ExistingContacts

  public init(campaign: Campaign, plan: BulkPlan, existing: ExistingContacts) {
    self.campaign = campaign
    self.plan = plan
    self.existing = existing
  }

  /// The plan as it will be sent: without the rows the campaign already holds, unless
  /// `force` sends them again.
  public func plan(force: Bool) -> BulkPlan {
    force ? plan : plan.skipping(existing: existing)
  }
}
