import Logging
import PostgresNIO

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
    /// The pause before listening again after the connection was lost.
    var retryDelay: Duration = .milliseconds(500)

    func signals(fallbackInterval: Duration) -> AsyncStream<Void> {
        AsyncStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            let listener = Task {
                while !Task.isCancelled {
                    do {
                        try await client.withConnection { connection in
                            try await connection.listen(on: channel) { notifications in
                                logger.debug("Listening for content changes", metadata: ["db.channel": "\(channel)"])
                                continuation.yield()
                                for try await _ in notifications { continuation.yield() }
                            }
                        }
                    } catch {
                        if Task.isCancelled { break }
                        logger.warning("Lost the database connection that listens for content changes; retrying",
                                       metadata: ["error": "\(String(reflecting: error))"])
                    }
                    do { try await Task.sleep(for: retryDelay) } catch { break }
                }
            }
            let ticker = Task {
                while !Task.isCancelled {
                    do { try await Task.sleep(for: fallbackInterval) } catch { break }
                    continuation.yield()
                }
            }
            continuation.onTermination = { _ in
                listener.cancel()
                ticker.cancel()
            }
        }
    }
}
