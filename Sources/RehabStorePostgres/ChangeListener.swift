import Logging
import PostgresNIO
import RehabCore
import Synchronization

/// Turns PostgreSQL notifications on one channel into change signals, and keeps listening across
/// database restarts.
///
/// A signal is sent for every notification, once each time the listening connection is
/// (re)established — changes made while it was down are then caught up — and every
/// `fallbackInterval`, in case a notification was missed. Signals coalesce: a reader that is busy
/// sees one, not a queue.
struct ChangeListener: Sendable {
    let client: PostgresClient
    let channel: String
    let logger: Logger
    /// The pause before listening again after the connection was lost; it doubles with each
    /// failure in a row, up to `longestRetryDelay`.
    var retryDelay: Duration = .milliseconds(250)
    var longestRetryDelay: Duration = .seconds(4)

    func signals(fallbackInterval: Duration) -> AsyncStream<Void> {
        AsyncStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            let listener = Task {
                let failures = Mutex(0)
                while !Task.isCancelled {
                    do {
                        try await client.withConnection { connection in
                            try await connection.listen(on: channel) { notifications in
                                logger.debug("Listening for content changes", metadata: ["db.channel": "\(channel)"])
                                failures.withLock { $0 = 0 }
                                continuation.yield()
                                for try await _ in notifications { continuation.yield() }
                            }
                        }
                    } catch {
                        if Task.isCancelled { break }
                        // One warning per outage, not one per attempt.
                        let count = failures.withLock { count in
                            count += 1
                            return count
                        }
                        if count == 1 {
                            logger.warning("Lost the database connection that listens for content changes; retrying",
                                           metadata: ["error": "\(String(reflecting: error))"])
                        }
                    }
                    let delay = min(retryDelay * (1 << min(failures.withLock { $0 }, 8)), longestRetryDelay)
                    do { try await Task.sleep(for: delay) } catch { break }
                }
            }
            let ticker = continuation.yieldEvery(fallbackInterval)
            continuation.onTermination = { _ in
                listener.cancel()
                ticker.cancel()
            }
        }
    }
}
