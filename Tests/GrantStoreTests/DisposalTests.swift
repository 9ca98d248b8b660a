import Foundation
import Testing
@testable import GrantStore

@Suite struct DisposalTests {
    /// Notes the thread its element is freed on.
    private final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var threads: [pthread_t] = []
        let freed = DispatchSemaphore(value: 0)
        func note() {
            lock.withLock { threads.append(pthread_self()) }
            freed.signal()
        }
        var freedOn: [pthread_t] { lock.withLock { threads } }
    }

    private final class Tracked: Sendable {
        let log: Log
        init(_ log: Log) { self.log = log }
        deinit { log.note() }
    }

    /// The caller is left with an empty value and no reference: the last release, and the free, happen elsewhere.
    @Test func takeEmptiesTheValueAndFreesItOnAnotherThread() {
        let log = Log()
        let disposal = Disposal<[Tracked]>()
        var values = [Tracked(log), Tracked(log)]
        disposal.take(&values)
        #expect(values.isEmpty)
        #expect(log.freed.wait(timeout: .now() + 10) == .success)
        #expect(log.freed.wait(timeout: .now() + 10) == .success)
        #expect(log.freedOn.count == 2)
        #expect(log.freedOn.allSatisfy { pthread_equal($0, pthread_self()) == 0 })
    }
}
