import Foundation

/// Hands items from one reading thread to the thread that consumes them, in order, a chunk at a time, holding at
/// most `capacity` chunks so memory stays bounded however large the input.
///
/// Grant imports read and parse on one core while SQLite writes on the other.
final class ReadAheadQueue<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[Item]] = []
    /// Items the consumer is done with, released by the producer: freeing memory on the thread that allocated it is
    /// cheaper, and keeps that work off the consumer.
    private var spent: [[Item]] = []
    private var done = false
    private var failure: (any Error)?
    private var cancelled = false
    private var producerExited = false
    private let capacity: Int

    init(capacity: Int = 8) { self.capacity = capacity }

    /// Starts `produce` on a new thread. It gets a `send` function that returns false once the consumer has stopped.
    func startProducer(_ produce: @escaping @Sendable (_ send: ([Item]) -> Bool) throws -> Void) {
        let thread = Thread { [self] in
            let error: (any Error)?
            do {
                try produce(self.send)
                error = nil
            } catch let e {
                error = e
            }
            condition.lock()
            (done, failure, producerExited) = (true, error, true)
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    /// The next chunk, waiting for it; nil after the last. Rethrows what the producer threw, after the chunks before it.
    /// `used` (the items of the previous chunk, done with) goes back to the producer thread to be released.
    func next(returning used: [Item] = []) throws -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        if !used.isEmpty && !done { spent.append(used) }
        while chunks.isEmpty && !done { condition.wait() }
        if !chunks.isEmpty {
            condition.broadcast()
            return chunks.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Tells the producer to stop and waits until its thread no longer touches anything it captured.
    func stop() {
        condition.lock()
        cancelled = true
        chunks.removeAll()
        condition.broadcast()
        while !producerExited { condition.wait() }
        condition.unlock()
    }

    private func send(_ chunk: [Item]) -> Bool {
        var garbage: [[Item]] = []
        defer { _ = garbage }  // released here, after the lock
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        chunks.append(chunk)
        swap(&garbage, &spent)
        condition.broadcast()
        return true
    }
}
