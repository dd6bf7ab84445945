import ConsoleCore
import Foundation
import PoppSandbox
import Synchronization

// The bulk launch's figures: a realistic 10,000-row CSV (quoted fields with commas and line
// breaks, names in several scripts, phones written every which way, 5% in national format),
// prepared (read, checked, mapped, validated, normalised, deduplicated), then launched in
// full against an in-process sandbox on loopback: existing conversations read, rows sent
// in batches, results file written. Median of several runs.
// Run: cd Benchmarks && swift run -c release BulkBenchmark [runs] [batch-size]

let arguments = CommandLine.arguments.dropFirst().compactMap(Int.init)
let runs = arguments.first ?? 5
let batchSize = arguments.dropFirst().first ?? BulkSender.defaultBatchSize

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
}

func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func ms(_ value: Double) -> String { String(format: "%.0f ms", value * 1000) }

/// 10,000 applicants as an ATS export would have them.
func makeCSV(rows: Int) -> String {
  let first = ["Ada", "José", "Zoë", "美咲", "محمد", "Siobhán", "Björn", "Priya", "Nguyễn", "Olu", "Émilie", "Kwame"]
  let last = ["Lovelace", "García Márquez", "O'Neil", "山田", "Al-Farsi", "Ní Bhriain", "Østergaard", "Patel", "Trần", "Adeyemi"]
  var text = "First Name,Last Name,Mobile,Email,Candidate ID,Notes,Source,Applied on\r\n"
  text.reserveCapacity(rows * 120)
  for index in 0..<rows {
    // Real lengths: a GB mobile is 10 digits after +44 (7400 9 and five more), a US number 10
    // after +1; each row's number is its own.
    let digits = String(index)
    let subscriber = String(repeating: "0", count: max(5 - digits.count, 0)) + digits
    let american = String(repeating: "0", count: max(6 - digits.count, 0)) + digits
    let phone: String
    switch index % 20 {
    case 0: phone = "07400 9\(subscriber.prefix(1)) \(subscriber.suffix(4))"  // national format: needs GB
    case 1...6: phone = "+44 7400 9\(subscriber)"
    case 7...10: phone = "+4474009\(subscriber)"
    case 11...14: phone = "+1 (415) 5\(american.prefix(2))-\(american.suffix(4))"
    default: phone = "+44-7400-9\(subscriber)"
    }
    let notes: String =
      switch index % 10 {
      case 0: "\"Prefers evenings, weekends\""
      case 1: "\"Said: \"\"call after 6\"\"\nNight shifts only\""
      case 2: ""
      default: "Referred by \(first[(index / 3) % first.count])"
      }
    let name = first[index % first.count]
    let family = last[(index / first.count) % last.count]
    let quotedFamily = family.contains(" ") || family.contains("'") ? "\"\(family)\"" : family
    text +=
      "\(name),\(quotedFamily),\(phone),applicant\(index)@example.com,ATS-\(100_000 + index),\(notes),LinkedIn,2026-11-\(index % 28 + 1)\r\n"
    if index % 997 == 0 { text += "\r\n" }  // the odd blank line
  }
  return text
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("popp-bulk-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }
let csv = folder.appendingPathComponent("applicants.csv")
try Data(makeCSV(rows: 10_000).utf8).write(to: csv)
let size = (try FileManager.default.attributesOfItem(atPath: csv.path)[.size] as? NSNumber)?.intValue ?? 0
print("applicants.csv: 10,000 rows, \(size / 1024) KiB; \(runs) runs, batches of \(batchSize)")

// 1. Preparation, on its own.
let settings = BulkImportSettings(channel: .sms, defaultCountry: "GB")
var prepareTimes: [Double] = []
var plan = try BulkPlan.prepare(fileAt: csv, settings: settings)  // warm-up
for _ in 0..<max(runs, 7) {
  let clock = ContinuousClock.now
  plan = try BulkPlan.prepare(fileAt: csv, settings: settings)
  prepareTimes.append(seconds(ContinuousClock.now - clock))
}
let counts = plan.counts
print(
  "prepare (read, check, parse, map, validate, normalise, dedupe): median \(ms(median(prepareTimes))), "
    + "min \(ms(prepareTimes.min()!)), max \(ms(prepareTimes.max()!)) (target < 500 ms)")
print("  rows \(counts.rows), ready \(counts.ready), invalid \(counts.invalid), duplicates \(counts.duplicates)")

// 2. The whole launch, each run against a fresh sandbox running at real speed (its
// simulation queues the new conversations while later batches arrive).
struct Launch {
  var total: Double
  var read: Double
  var send: Double
  var write: Double
  var largestGap: Double
  var queued: Int
  var requests: Int
}

let gaps = Mutex<(last: ContinuousClock.Instant, largest: Double)>((ContinuousClock.now, 0))
var launches: [Launch] = []
for run in 1...runs {
  let sandbox = try await RunningSandbox.start(SandboxConfiguration(port: 0, speed: 1, demoSize: 200))
  let client = try sandbox.client()
  guard let campaign = try await client.allCampaigns().collect().first(where: { $0.channel == .sms && $0.campaignStatus == .live }) else {
    fatalError("the demo data has no live SMS campaign")
  }
  try await sandbox.control().resetStats()
  let start = ContinuousClock.now
  let prepared = try BulkPlan.prepare(fileAt: csv, settings: settings)
  let existing = try await ExistingContacts.fetch(
    client: client, campaignId: campaign.id, previousReport: BulkReport.path(forInput: csv))
  let ready = prepared.skipping(existing: existing)
  let sendStart = ContinuousClock.now
  let readTime = seconds(sendStart - start)
  gaps.withLock { $0 = (sendStart, 0) }
  let sent = await BulkSender(client: client, campaignId: campaign.id, batchSize: batchSize).send(ready.outgoing, existing: existing) { _ in
    let now = ContinuousClock.now
    gaps.withLock { state in
      state.largest = max(state.largest, seconds(now - state.last))
      state.last = now
    }
  }
  let sendTime = seconds(ContinuousClock.now - sendStart)
  let writeStart = ContinuousClock.now
  let results = ready.results(sent: sent)
  try BulkReport.write(results, campaignId: campaign.id, to: folder.appendingPathComponent("run-\(run).results.csv"), permissionsOf: csv)
  let writeTime = seconds(ContinuousClock.now - writeStart)
  let total = seconds(ContinuousClock.now - start)
  let requests = try await sandbox.control().stats().count("POST /v1/conversations/bulk")
  let launch = Launch(
    total: total, read: readTime, send: sendTime, write: writeTime, largestGap: gaps.withLock { $0.largest },
    queued: sent.count { $0.status == .queued },
    requests: requests)
  launches.append(launch)
  print(
    "  run \(run): launch \(ms(launch.total)) (prepare and read the campaign \(ms(launch.read)), send \(ms(launch.send)), "
      + "results file \(ms(launch.write))), largest gap between progress updates \(ms(launch.largestGap)), "
      + "queued \(launch.queued) in \(launch.requests) requests")
  await sandbox.stop()
}
print(
  "whole launch (prepare, read the campaign, send, write results): median \(ms(median(launches.map(\.total)))) (target < 3 s); "
    + "send alone median \(ms(median(launches.map(\.send))))")
print(
  "largest gap between progress updates: median \(ms(median(launches.map(\.largestGap)))), worst \(ms(launches.map(\.largestGap).max()!)) (target ≤ 250 ms)"
)
