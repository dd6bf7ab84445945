import ConsoleCore

/// The campaigns: "All campaigns" first, then each campaign with its channel and how its
/// conversations stand; `d` shows the selected campaign's details underneath.
struct CampaignsPane {
  var list = ListView()

  mutating func render(_ state: AppState, on canvas: any Canvas, focused: Bool) {
    Chrome.title("Campaigns", on: canvas, focused: focused, trailing: "\(state.campaigns.count)")
    let width = canvas.size.columns
    let details = state.showCampaignDetails ? CampaignRows.details(state.selectedCampaign, state: state, width: width - 2) : []
    let detailRows = details.isEmpty ? 0 : min(details.count + 1, max(canvas.size.rows / 2, 4))
    let listHeight = canvas.size.rows - 1 - detailRows
    if state.isLoading && state.campaigns.isEmpty {
      Chrome.placeholder("Loading campaigns…", on: canvas, row: 2)
      return
    }
    let count = state.campaigns.count + 1
    // Two lines a campaign (title; channel, type and counts) when there is room, else one.
    let linesPerItem = listHeight >= 12 ? 2 : 1
    for row in list.visibleRange(count: count, selection: state.campaignSelection, height: listHeight / linesPerItem) {
      let y = 1 + (row - list.offset) * linesPerItem
      let selected = row == state.campaignSelection
      let base: StyleRole = selected ? (focused ? .listSelected : .listSelectedUnfocused) : .textNormal
      if selected {
        for line in 0..<linesPerItem { canvas.fill(row: y + line, column: 0, width: width, role: base) }
      }
      let campaign = row == 0 ? nil : state.campaigns[row - 1]
      if let campaign {
        CampaignRows.draw(
          campaign, counts: state.index.statusCounts(campaignId: campaign.id), on: canvas, row: y, width: width, base: base,
          selected: selected)
      } else {
        canvas.draw(" All campaigns", row: y, column: 0, width: width - 8, role: selected ? base : .textHeader)
        canvas.draw(
          TextWidth.fitRight(String(state.index.count), to: 7), row: y, column: width - 8, width: 7, role: selected ? base : .textDim)
      }
      if linesPerItem == 2 {
        canvas.draw(CampaignRows.summary(campaign, state: state), row: y + 1, column: 3, width: width - 4, role: selected ? base : .textDim)
      }
    }
    guard detailRows > 0 else { return }
    let top = canvas.size.rows - detailRows
    canvas.fill(row: top, column: 0, width: width, role: .paneBorder)
    canvas.draw(String(repeating: "─", count: width), row: top, column: 0, width: width, role: .paneBorder)
    for (offset, line) in details.prefix(detailRows - 1).enumerated() {
      canvas.draw(line.text, row: top + 1 + offset, column: 1, width: width - 2, role: line.role)
    }
  }
}
