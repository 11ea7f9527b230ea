/// A first-in-first-out queue with a lane that goes first: what other work waits on (a
/// listing page, which brings its entries and its later pages) is not stuck behind the
/// articles queued before it. A taken element is released at once (a body is not kept
/// until the queue drains).
public struct JobQueue<Element> {
    private var lanes: [[Element?]] = [[], []]
    private var heads = [0, 0]

    public init() {}

    public var isEmpty: Bool { heads[0] == lanes[0].count && heads[1] == lanes[1].count }

    public mutating func append(_ element: Element, ahead: Bool) {
        lanes[ahead ? 0 : 1].append(element)
    }

    /// The oldest element of the first lane, else of the other.
    public mutating func popFirst() -> Element? {
        for lane in 0..<2 where heads[lane] < lanes[lane].count {
            let element = lanes[lane][heads[lane]].take()
            heads[lane] += 1
            if heads[lane] == lanes[lane].count {
                lanes[lane].removeAll(keepingCapacity: true)
                heads[lane] = 0
            } else if heads[lane] > 1024 && heads[lane] * 2 > lanes[lane].count {
                lanes[lane].removeFirst(heads[lane])
                heads[lane] = 0
            }
            return element
        }
        return nil
    }
}

extension JobQueue: Sendable where Element: Sendable {}
