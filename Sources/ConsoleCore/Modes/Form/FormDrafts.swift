import Foundation
import PoppAPI

extension AppState {
  /// Form drafts are saved with the reply drafts (one table, one writer), under this prefix.
  static let formDraftPrefix = "form:"

  /// Takes the form drafts out of the saved drafts (at start): what a crash or a dropped
  /// session left in a form comes back when that form is opened again.
  public mutating func restoreFormDrafts() {
    for (key, text) in drafts where key.hasPrefix(Self.formDraftPrefix) {
      drafts[key] = nil
      if let values = try? JSONDecoder().decode(FormValues.self, from: Data(text.utf8)) {
        formDrafts[String(key.dropFirst(Self.formDraftPrefix.count))] = values
      }
    }
  }

  /// Saves (or, with nil, deletes) a form's draft as it stands.
  func saveFormDraft(_ purpose: FormState.Purpose, _ values: FormValues?) -> UIEffect {
    let text = values.flatMap { try? JSONEncoder().encode($0) }.map { String(decoding: $0, as: UTF8.self) } ?? ""
    return .saveDraft(conversationId: Self.formDraftPrefix + purpose.draftKey, text: text)
  }

  /// The campaign a campaign command means: the one selected in the campaigns pane, else the
  /// campaign of the conversation in view.
  mutating func targetCampaign(for action: String) -> Campaign? {
    if let selectedCampaign { return selectedCampaign }
    let conversation = focus == .thread ? openConversation : (focus == .conversations ? selectedConversation : nil)
    if let campaign = campaign(id: conversation?.campaignId) { return campaign }
    flash = "Select a campaign to \(action) (in the campaigns pane)."
    return nil
  }

  /// Opens a form, with its draft when one was left.
  mutating func openForm(_ purpose: FormState.Purpose) {
    let draft = formDrafts[purpose.draftKey]
    open(FormMode(FormState(purpose: purpose, values: draft, templates: templates, phones: phones)))
    if draft != nil { flash = "Draft restored." }
  }

  /// A form's request worked: the campaign it created or changed shows in the list, selected.
  mutating func formSucceeded(note: String, campaign: Campaign?) {
    if let campaign {
      if let position = campaigns.firstIndex(where: { $0.id == campaign.id }) {
        campaigns[position] = campaign
      } else {
        campaigns.append(campaign)
        formDrafts[FormState.Purpose.newCampaign.draftKey] = nil
        requestUI(saveFormDraft(.newCampaign, nil))
      }
      campaignSelection = (campaigns.firstIndex { $0.id == campaign.id }).map { $0 + 1 } ?? campaignSelection
      conversationSelection = 0
      refreshVisibleRows()
    }
    flash = note
  }
}
