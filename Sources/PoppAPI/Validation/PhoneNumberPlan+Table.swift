extension PhoneNumberPlan {
  /// Every plan of the generated `table`, in its order.
  static let all: [PhoneNumberPlan] = read(table)

  /// The plans a table written by `scripts/phones/generate-plans.py` holds: for each region a
  /// `region ISO CODE` line, then one line per fact, `name value` (lengths `9,10`, `-` for
  /// none). The table is the generator's, so a line it would not write is a defect here.
  static func read(_ text: String) -> [PhoneNumberPlan] {
    var plans: [PhoneNumberPlan] = []
    var region: [Substring] = []
    var facts: [Substring: Substring] = [:]
    var general: Numbers?
    var kinds: [Numbers] = []

    func finishRegion() {
      guard !region.isEmpty else { return }
      guard let generalNumbers = general, let lengths = facts["lengths"] else { preconditionFailure("plan \(region) is incomplete") }
      plans.append(
        PhoneNumberPlan(
          String(region[0]), callingCode: String(region[1]),
          internationalPrefixes: facts["international-prefixes"].map { $0.split(separator: ",").map(String.init) } ?? [],
          internationalPrefix: facts["international-prefix"].map(String.init), nationalPrefix: facts["national-prefix"].map(String.init),
          nationalPrefixForParsing: facts["national-prefix-for-parsing"].map(String.init),
          nationalPrefixTransformRule: facts["national-prefix-transform-rule"].map(String.init),
          leadingDigits: facts["leading-digits"].map(String.init), general: generalNumbers, kinds: kinds, lengths: Self.lengths(lengths),
          lengthsByPrefix: facts["lengths-by-prefix"].map(String.init) ?? ""))
      facts = [:]
      general = nil
      kinds = []
    }

    for line in text.split(separator: "\n") {
      let words = line.split(separator: " ")
      switch words.first {
      case "region":
        finishRegion()
        region = Array(words.dropFirst())
      case "general":
        precondition(words.count == 4, "\(line)")
        general = Numbers(nil, Self.lengths(words[1]), localOnly: Self.lengths(words[2]), String(words[3]))
      case let name? where Kind(rawValue: String(name)) != nil:
        precondition(words.count == 3, "\(line)")
        kinds.append(Numbers(Kind(rawValue: String(name)), Self.lengths(words[1]), String(words[2])))
      case let name?:
        precondition(words.count == 2, "\(line)")
        facts[name] = words[1]
      case nil:
        continue
      }
    }
    finishRegion()
    return plans
  }

  private static func lengths(_ field: Substring) -> [Int] {
    field == "-" ? [] : field.split(separator: ",").map { Int($0)! }
  }
}
