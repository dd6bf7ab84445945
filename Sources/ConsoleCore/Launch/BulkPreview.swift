/// The preview shown before anything is sent, as lines of plain text: the mapping, the
/// counts and the first problems. The CLI prints it; the console lays it out. It carries
/// header and cell text from the file: sanitise before it reaches a terminal.
extension BulkPlan {
  public func previewLines(problemLimit: Int = 10) -> [String] {
    var lines = ["Columns (\(delimiterName)-separated):"]
    lines += mapping.lines.map { "  " + $0 }
    lines += countLines
    let problems = problems(limit: problemLimit + 1)
    if !problems.isEmpty {
      lines.append("First problems:")
      lines += problems.prefix(problemLimit).map { "  " + $0.description }
      let all = self.problems().count
      if all > problemLimit { lines.append("  … and \(BulkFormat.count(all - problemLimit)) more") }
    }
    return lines
  }

  /// `Rows: 1,204`, then ready / invalid / duplicates / already in the campaign.
  public var countLines: [String] {
    let counts = counts
    return [
      "Rows: \(BulkFormat.count(counts.rows))",
      "  ready to send:           \(BulkFormat.count(counts.ready))",
      "  invalid:                 \(BulkFormat.count(counts.invalid))",
      "  duplicates in the file:  \(BulkFormat.count(counts.duplicates))",
      "  already in the campaign: \(BulkFormat.count(counts.alreadyInCampaign))",
    ]
  }

  var delimiterName: String {
    switch delimiter {
    case ",": "comma"
    case ";": "semicolon"
    case "\t": "tab"
    default: "\"\(delimiter)\""
    }
  }
}

/// Numbers as people read them in a preview and a progress bar.
public enum BulkFormat {
  /// 10000 → `10,000` (fixed grouping, whatever the locale: the console shows the same).
  public static func count(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var grouped = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
      grouped.append(digit)
    }
    return (value < 0 ? "-" : "") + grouped
  }

  /// `[#####-----] 4,500/10,000 queued 4,480 failed 20 1.2 s`, the bar `width` cells wide.
  public static func progressLine(_ progress: BulkProgress, width: Int = 20) -> String {
    let filled = min(width, Int((progress.fraction * Double(width)).rounded(.down)))
    let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
    let seconds = (progress.elapsed * 10).rounded() / 10
    var line =
      "[\(bar)] \(count(progress.sent))/\(count(progress.total)) queued \(count(progress.queued)) failed \(count(progress.failed)) \(seconds) s"
    if let note = progress.note { line += " — " + note }
    return line
  }
}
