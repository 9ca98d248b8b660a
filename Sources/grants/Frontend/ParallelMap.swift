import Foundation

/// `transform` over `items` on every core, results in item order.
///
/// Each worker thread gets its own transform from `makeWorker` (for state a worker may keep, such as a memo), and
/// claims the next item when it is done with one, so items of uneven size (files, long acknowledgments) balance.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ makeWorker: @Sendable () -> (T) -> R) -> [R] {
    let workers = min(ProcessInfo.processInfo.activeProcessorCount, items.count)
    guard workers > 1 else {
        let transform = makeWorker()
        return items.map(transform)
    }
    let results = ResultSlots<R>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        let transform = makeWorker()
        while let i = results.claim() { results.set(i, transform(items[i])) }
    }
    return results.values
}

/// The results of `parallelMap`: each worker claims the next index and fills its slot.
private final class ResultSlots<R>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    // Raw memory, not an Array: concurrent writes to one Array's elements are a data race in Swift's model.
    private let slots: UnsafeMutableBufferPointer<R?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func claim() -> Int? {
        lock.withLock {
            guard next < slots.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func set(_ i: Int, _ value: R) { slots[i] = value }

    /// Read once every worker has finished.
    var values: [R] { slots.map { $0! } }
}
