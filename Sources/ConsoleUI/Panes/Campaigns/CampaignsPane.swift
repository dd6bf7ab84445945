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
    for row in list.visibleRange(count: count, selection: state.campaignSelection, height: listHeight) {
      let y = 1 + row - list.offset
      let selected = row == state.campaignSelection
      let base: StyleRole = selected ? (focused ? .listSelected : .listSelectedUnfocused) : .textNormal
      if selected { canvas.fill(row: y, column: 0, width: width, role: base) }
      if row == 0 {
        canvas.draw(" All campaigns", row: y, column: 0, width: width - 8, role: selected ? base : .textHeader)
        canvas.draw(
          TextWidth.fitRight(String(state.index.count), to: 7), row: y, column: width - 8, width: 7, role: selected ? base : .textDim)
        continue
      }
      let campaign = state.campaigns[row - 1]
      CampaignRows.draw(
        campaign, counts: state.index.statusCounts(campaignId: campaign.id), on: canvas, row: y, width: width, base: base,
        selected: selected)
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
