import Foundation

/// Frees values on a background thread, for a busy thread that would otherwise spend its time in `free`.
///
/// `take` moves the value in by swapping, so the caller keeps no reference and the last release always happens
/// here, on the background thread.
final class Disposal<Value: Sendable & RangeReplaceableCollection>: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [Value] = []  // guarded by `lock`
    private let queue = DispatchQueue(label: "GrantStore.Disposal", qos: .utility)

    /// Takes `value`, leaving it empty.
    func take(_ value: inout Value) {
        lock.withLock {
            pending.append(Value())
            swap(&pending[pending.count - 1], &value)
        }
        queue.async { [self] in
            var taken: [Value] = []
            lock.withLock { swap(&taken, &pending) }
        }
    }
}
