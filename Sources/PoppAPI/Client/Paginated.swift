/// The items of a cursor-paginated list, fetched a page at a time as they are consumed:
/// `for try await conversation in client.allConversations() { ... }`.
public struct Paginated<Item: Codable & Sendable>: AsyncSequence, Sendable {
  public typealias Element = Item
  public typealias Failure = PoppError
  public typealias FetchPage = @Sendable (_ nextToken: String?) async throws(PoppError) -> Page<Item>

  let fetchPage: FetchPage

  public init(fetchPage: @escaping FetchPage) {
    self.fetchPage = fetchPage
  }

  public func makeAsyncIterator() -> Iterator {
    Iterator(fetchPage: fetchPage)
  }

  /// Collects every item; for lists known to be small.
  public func collect() async throws(PoppError) -> [Item] {
    var items: [Item] = []
    var iterator = makeAsyncIterator()
    while let item = try await iterator.next(isolation: nil) { items.append(item) }
    return items
  }

  public struct Iterator: AsyncIteratorProtocol {
    let fetchPage: FetchPage
    var buffer: [Item] = []
    var position = 0
    var nextToken: String?
    var finished = false
    /// Tokens already followed: a server that hands out a token twice would loop forever.
    var seenTokens: Set<String> = []

    init(fetchPage: @escaping FetchPage) {
      self.fetchPage = fetchPage
    }

    public mutating func next(isolation actor: isolated (any Actor)?) async throws(PoppError) -> Item? {
      while position == buffer.count {
        if finished { return nil }
        let page = try await fetchPage(nextToken)
        buffer = page.data
        position = 0
        if let token = page.nextToken, seenTokens.insert(token).inserted {
          nextToken = token
        } else {
          finished = true
        }
      }
      defer { position += 1 }
      return buffer[position]
    }

    public mutating func next() async throws(PoppError) -> Item? {
      try await next(isolation: nil)
    }
  }
}
