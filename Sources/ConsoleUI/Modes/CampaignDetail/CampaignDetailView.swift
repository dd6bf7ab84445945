import ConsoleCore

/// `v`: every field of a campaign, scrolled, with the keys that edit it and launch into it.
final class CampaignDetailView: ModeView {
  func draw(_ mode: CampaignDetailMode, isTop: Bool, in frame: Frame) -> (row: Int, column: Int)? {
    guard let campaign = frame.state.campaign(id: mode.campaignId), let (lines, rows) = mode.page(frame.state) else { return nil }
    let (canvas, rect) = Chrome.largeDialog("Campaign · \(TerminalSanitizer.sanitize(campaign.campaignTitle))", on: frame.screen)
    let (width, height) = (rect.columns, rect.rows)
    let first = mode.scroll
    for (offset, line) in lines.dropFirst(first).prefix(rows).enumerated() {
      canvas.draw(line.text, row: 1 + offset, column: 2, width: width - 4, role: line.role)
    }
    let contexts = mode.keyContexts
    let footer =
      "\(frame.key(.editCampaign, in: contexts)) edit · \(frame.key(.launch, in: contexts)) start one · \(frame.key(.bulkLaunch, in: contexts)) start from CSV · \(frame.key(.moveDown, in: contexts))/\(frame.key(.moveUp, in: contexts)) scroll · \(frame.key(.close, in: contexts)) closes"
    canvas.draw(footer, row: height - 1, column: 2, width: width - 4, role: .dialogTitle)
    return nil
  }
}
