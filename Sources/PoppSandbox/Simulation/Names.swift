/// Candidate names from many places, in their own scripts, with the odd emoji that people
/// put in chat display names: the console must align all of them.
enum Names {
  struct Person {
    var first: String
    var last: String
    var phone: String
    var email: String
  }

  private static let people: [(String, String, String)] = [
    ("John", "Doe", "+1415555"), ("Sarah", "Smith", "+4477009"), ("José", "Álvarez", "+3461255"),
    ("Zoë", "Brontë", "+4477009"), ("François", "Lefèvre", "+3361234"), ("Søren", "Kierkegård", "+4520123"),
    ("Łukasz", "Wiśniewski", "+4850123"), ("Ngozi", "Okonjo", "+2348031"), ("Aarav", "Sharma", "+9198765"),
    ("美咲", "佐藤", "+8190123"), ("伟", "王", "+8613812"), ("محمد", "العتيبي", "+9665012"),
    ("فاطمة", "الزهراء", "+9715012"), ("Olúwaseun", "Adébáyọ̀", "+2348051"), ("Mia 🌸", "Nguyễn", "+6141234"),
    ("Dmitri", "Иванов", "+4915123"), ("Siobhán", "Ní Bhriain", "+3538712"), ("Chloé", "Dubois", "+3367812"),
    ("Hiroshi", "Tanaka", "+8180123"), ("지민", "박", "+8210123"), ("Priya", "Patel", "+4479001"),
    ("Lucas", "Oliveira", "+5511912"), ("Emma", "Müller", "+4917612"), ("Ali 🚀", "Hassan", "+2010012"),
    ("Ana", "García", "+5255123"), ("Noah", "Williams", "+1646555"), ("Élodie", "Martin", "+3362312"),
    ("Kwame", "Mensah", "+2332441"), ("Ingrid", "Johansson", "+4670123"), ("Mateo", "Rossi", "+3933312"),
  ]

  static func person(index: Int, random: inout SeededRandom) -> Person {
    let (first, last, prefix) = people[index % people.count]
    let phone = prefix + String(random.next() % 10_000).leftPadded(to: 4)
    let asciiFirst = first.unicodeScalars.filter { $0.isASCII && $0.properties.isAlphabetic }.map(String.init).joined().lowercased()
    let local = asciiFirst.isEmpty ? "candidate" : asciiFirst
    return Person(first: first, last: last, phone: phone, email: "\(local).\(index)@example.com")
  }
}
