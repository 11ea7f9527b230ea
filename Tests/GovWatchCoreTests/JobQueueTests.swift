import GovWatchCore
import Testing

@Suite struct JobQueueTests {
    @Test func theAheadLaneGoesFirstAndEachLaneKeepsItsOrder() {
        var queue = JobQueue<Int>()
        #expect(queue.isEmpty && queue.popFirst() == nil)
        for n in 1...5 { queue.append(n, ahead: n % 2 == 0) }
        #expect(!queue.isEmpty)
        var out: [Int] = []
        while let n = queue.popFirst() {
            out.append(n)
            if n == 4 { queue.append(6, ahead: true) }  // arrives while the slow lane waits
        }
        #expect(out == [2, 4, 6, 1, 3, 5])
        #expect(queue.isEmpty)
    }

    /// A steady stream that never drains the queue: order holds across the compaction, and
    /// the elements taken are released (the queue keeps no copy of a taken body).
    @Test func aLongStreamKeepsItsOrderAndReleasesWhatWasTaken() {
        final class Body {}
        weak var firstBody: Body?
        var queue = JobQueue<(Int, Body)>()
        var next = 0
        var taken: [Int] = []
        do {
            let body = Body()
            firstBody = body
            queue.append((next, body), ahead: false)
            next += 1
        }
        for _ in 0..<5000 {
            queue.append((next, Body()), ahead: false)
            next += 1
            queue.append((next, Body()), ahead: false)
            next += 1
            if let (n, _) = queue.popFirst() { taken.append(n) }
            #expect(firstBody == nil || taken.isEmpty)
        }
        while let (n, _) = queue.popFirst() { taken.append(n) }
        #expect(taken == Array(0..<next))
    }
}
