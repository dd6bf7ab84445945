import ConsoleCore
import ConsoleUI
import Foundation
import Testing

/// Every mode has a view registered: opened over the panes, each changes what the screen shows (a mode whose view
/// was never registered would draw nothing and the recruiter would type into an invisible screen).
@Suite struct ModeViewsTests {
  @Test func everyModeDrawsItself() throws {
    var base = ConsoleFixture.state()
    let templates = [Template(id: "t1", name: "Call you", channel: .whatsapp, type: .reply, campaignType: nil, body: "Hi!")]
    _ = base.apply(.catalogUpdated(campaigns: ConsoleFixture.campaigns, templates: templates))
    let conversation = try #require(base.index.conversations.first { $0.isHumanTakeover })
    _ = base.openThread(conversation.id)
    let campaign = ConsoleFixture.campaigns[0]
    let modes: [any ConsoleMode] = [
      PromptMode(kind: .command, text: "qui"),
      ConfirmMode(title: "A question", message: "Really?", effect: .refreshNow),
      TemplatePickerMode(TemplatePicker(conversation: conversation, campaign: campaign, templates: templates)),
      HelpMode(contexts: KeyContext.list.chain),
      AuditMode(entries: [AuditEntry(organization: "org", conversation: conversation.id, action: .takeOver, outcome: "ok")]),
      CampaignDetailMode(campaignId: campaign.id),
      FormMode(FormState(purpose: .newCampaign, templates: templates)),
      BulkMode(BulkScreen(campaign: campaign, path: "/tmp/applicants.csv")),
      ComposerMode(conversationId: conversation.id, text: "A reply being written"),
    ]
    var plain = base
    let without = ConsoleFixture.render(&plain, rows: 40, columns: 140).text
    for mode in modes {
      var state = base
      state.open(mode)
      let with = ConsoleFixture.render(&state, rows: 40, columns: 140).text
      #expect(with != without, "\(type(of: mode)) drew nothing")
    }
  }
}
