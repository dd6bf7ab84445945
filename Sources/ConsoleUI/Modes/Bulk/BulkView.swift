import ConsoleCore
import Foundation

/// `b`: the CSV launch screen. The preview shows how the columns were read, the counts and
/// the first problems by line; sending shows a progress bar; the end lists every row's
/// result, filterable, and where the results file was written. File text is untrusted.
final class BulkView: ModeView {
  func draw(_ mode: BulkMode, isTop: Bool, in frame: Frame) -> (row: Int, column: Int)? {
    let screen = mode.screen
    let display = frame.screen
    let contexts = mode.keyContexts
    func key(_ command: CommandName) -> String { frame.key(command, in: [.bulk]) }
    let scroll = "\(key(.moveDown))/\(key(.moveUp)) scroll"
    let (canvas, rect) = Chrome.largeDialog(
      "Start conversations from a CSV · \(TerminalSanitizer.sanitize(screen.campaign.campaignTitle))", on: display)
    let (width, height) = (rect.columns, rect.rows)
    let inner = width - 4
    var lines: [(String, StyleRole)] = [(TerminalSanitizer.sanitize(screen.path), .textDim), ("", .dialog)]
    let footer: String
    switch screen.phase {
    case .preparing:
      lines.append(("Reading the file and checking every row; asking Popp who is already in the campaign…", .dialog))
      footer = "\(key(BulkCommands.stop)) closes"
    case .failed(let problem):
      lines += TextWidth.wrap("✗ " + TerminalSanitizer.sanitize(problem), width: inner).map { ($0, .bannerError) }
      lines.append(("Nothing was sent.", .dialog))
      footer = "\(key(BulkCommands.stop)) closes"
    case .preview:
      let plan = screen.effectivePlan
      for line in plan?.previewLines(problemLimit: 50) ?? [] {
        let role: StyleRole = line.hasPrefix("  line ") ? .statusFailed : (line.hasSuffix(":") ? .dialogTitle : .dialog)
        lines += TextWidth.wrap(TerminalSanitizer.sanitize(line), width: inner).map { ($0, role) }
      }
      lines.append(("", .dialog))
      lines.append(
        ("[\(screen.businessHours ? "x" : " ")] \(key(BulkCommands.toggleBusinessHours))  send during business hours only", .dialog))
      lines.append(
        (
          "[\(screen.force ? "x" : " ")] \(key(BulkCommands.toggleForce))  also send to candidates already in the campaign (re-run: leave off)",
          .dialog
        ))
      let ready = plan?.counts.ready ?? 0
      footer =
        ready > 0
        ? "\(key(BulkCommands.sendLaunch)) send \(BulkFormat.count(ready)) conversation\(ready == 1 ? "" : "s") · \(key(BulkCommands.toggleBusinessHours)) · \(key(BulkCommands.toggleForce)) · \(scroll) · \(key(BulkCommands.stop)) cancel (nothing sent)"
        : "Nothing to send · \(key(BulkCommands.stop)) closes"
    case .sending(let progress):
      let barWidth = max(inner - 48, 10)
      lines.append((BulkFormat.progressLine(progress, width: barWidth), .textHeader))
      lines.append(("", .dialog))
      if screen.confirmingStop {
        let answers = "\(frame.key(ConfirmCommands.yes, in: contexts)) stop · \(frame.key(ConfirmCommands.no, in: contexts)) go on"
        lines.append(("Stop the launch? The batch in flight finishes; the rest is not sent.  " + answers, .listSelected))
      }
      footer = "\(key(BulkCommands.stop)) stops after the batch in flight"
    case .finished(_, let report, let reportError):
      let all = screen.results(.all)
      let counts = BulkScreen.ResultFilter.allCases.dropFirst().map { "\($0.rawValue) \(BulkFormat.count(screen.results($0).count))" }
      lines.append(("Done: " + counts.joined(separator: " · "), .textHeader))
      if let report { lines.append(("Results written to " + TerminalSanitizer.sanitize(report), .dialog)) }
      if let reportError {
        lines += TextWidth.wrap("✗ " + TerminalSanitizer.sanitize(reportError), width: inner).map { ($0, .bannerError) }
      }
      lines.append(("", .dialog))
      let shown = screen.results(screen.filter)
      lines.append(
        ("Showing \(screen.filter.rawValue) (\(shown.count) of \(all.count)) · \(key(BulkCommands.nextResultFilter)) changes", .dialogTitle)
      )
      for result in shown {
        let contact = result.contact
        let name = [contact.firstName, contact.lastName].compactMap { $0 }.joined(separator: " ")
        let reach = contact.phoneNumber ?? contact.emailAddress ?? ""
        let text =
          TextWidth.fitRight(String(result.line), to: 6) + "  " + TextWidth.fit(result.status.rawValue, to: 8) + "  "
          + TextWidth.fit(TerminalSanitizer.sanitize(name), to: 22) + "  " + TextWidth.fit(TerminalSanitizer.sanitize(reach), to: 18)
          + "  " + TerminalSanitizer.sanitize(result.reason ?? "")
        lines.append((text, Self.role(of: result.status)))
      }
      footer = "\(key(BulkCommands.nextResultFilter)) filter · \(scroll) · \(key(BulkCommands.stop)) closes"
    }
    let rows = height - 2
    let first = min(screen.scroll, max(lines.count - rows, 0))
    for (offset, line) in lines.dropFirst(first).prefix(rows).enumerated() {
      canvas.draw(line.0, row: 1 + offset, column: 2, width: inner, role: line.1)
    }
    if first + rows < lines.count { canvas.draw("↓", row: height - 2, column: width - 2, role: .textDim) }
    canvas.draw(footer, row: height - 1, column: 2, width: inner, role: .dialogTitle)
    return nil
  }

  static func role(of status: BulkRowResult.Status) -> StyleRole {
    switch status {
    case .queued: .statusCompleted
    case .failed, .notSent, .invalid: .statusFailed
    case .skipped, .ready: .textDim
    }
  }
}
