extension PhoneNumberPlan {
  static let nonGeographic = "001"

  /// The plans of countries (and territories), by ISO code.
  static let byRegion: [String: PhoneNumberPlan] = Dictionary(
    uniqueKeysWithValues: all.filter { $0.region != nonGeographic }.map { ($0.region, $0) })

  /// The plans sharing each calling code, its main region first (`+1`: US, then the rest of
  /// the NANP).
  static let byCallingCode: [String: [PhoneNumberPlan]] = Dictionary(grouping: all, by: \.callingCode)

  static func main(forCallingCode code: String) -> PhoneNumberPlan {
    byCallingCode[code]![0]
  }

  /// The calling code `digits` start with, and the digits after it. Calling codes have 1 to 3
  /// digits and none is the start of another.
  static func callingCode(of digits: String) -> (code: String, rest: String)? {
    guard !digits.hasPrefix("0") else { return nil }
    for length in 1...min(3, digits.count) {
      let code = String(digits.prefix(length))
      if byCallingCode[code] != nil { return (code, String(digits.dropFirst(length))) }
    }
    return nil
  }

  /// libphonenumber's `is_valid_number`: the number belongs to the region its calling code
  /// and leading digits choose, and is of one of that region's kinds.
  static func isValid(callingCode: String, national: String) -> Bool {
    guard let plans = byCallingCode[callingCode] else { return false }
    if plans.count == 1 { return plans[0].holds(national) }
    for plan in plans {
      if let leading = plan.leadingDigits {
        if leading.matchAtStart(national) != nil { return plan.holds(national) }
      } else if plan.holds(national) {
        return true
      }
    }
    return false
  }

  // MARK: Lengths, for messages

  /// The lengths numbers starting like `national` have, and the first digits that narrowed
  /// them from the region's (empty when the region's lengths apply). No lengths: no number
  /// of the region starts with `prefix`.
  func lengths(startingLike national: String) -> (lengths: [Int], prefix: String) {
    var table: [Substring: [Int]] = [:]
    for entry in lengthsByPrefix.split(separator: ";") {
      let parts = entry.split(separator: ":", omittingEmptySubsequences: false)
      table[parts[0]] = parts[1].split(separator: ",").compactMap { Int($0) }
    }
    var found = (lengths: lengths, prefix: "")
    for depth in 1...2 where national.count >= depth {
      let prefix = national.prefix(depth)
      guard let narrowed = table[Substring(prefix)] else { continue }
      found = (narrowed, String(prefix))
      if narrowed.isEmpty { break }
    }
    return found
  }

  /// `lengths(startingLike:)` over every region of `callingCode`.
  static func lengths(callingCode: String, startingLike national: String) -> (lengths: [Int], prefix: String) {
    let plans = byCallingCode[callingCode] ?? []
    let found = plans.map { $0.lengths(startingLike: national) }
    let live = found.filter { !$0.lengths.isEmpty }
    let longestPrefix = { (list: [(lengths: [Int], prefix: String)]) in list.map(\.prefix).max { $0.count < $1.count } ?? "" }
    guard !live.isEmpty else { return ([], longestPrefix(found)) }
    let lengths = Set(live.flatMap(\.lengths)).sorted()
    let everyLength = Set(plans.flatMap(\.lengths)).sorted()
    return (lengths, lengths == everyLength ? "" : longestPrefix(live))
  }

  /// Whether some number of the region starts with 0 and keeps it in E.164 (Italy's).
  var keepsLeadingZero: Bool {
    !lengths(startingLike: "0").lengths.isEmpty
  }
}
