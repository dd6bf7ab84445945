extension BulkLaunch {
  /// Sends the plan's ready rows in batches (`BulkSender`) and returns one result per row of
  /// the file, in file order: the server's verdict for the rows sent, and why the others
  /// were not. Cancelling the calling task stops after the batch in flight; the rows after
  /// it are "not sent (cancelled)".
  public func send(
    _ plan: BulkPlan, existing: ExistingContacts, businessHours: Bool, batchSize: Int = BulkSender.defaultBatchSize,
    progress: @escaping @Sendable (BulkProgress) -> Void = { _ in }
  ) async -> [BulkRowResult] {
    let sender = BulkSender(client: client, campaignId: campaignId, businessHours: businessHours, batchSize: batchSize)
    return plan.results(sent: await sender.send(plan.outgoing, existing: existing, progress: progress))
  }
}
