import Logging
import RehabCore
import ServiceLifecycle

/// Refreshes the content snapshot when another process or node has changed the content: on each
/// of the store's change signals (a poll for SQLite, LISTEN/NOTIFY for PostgreSQL).
struct ContentWatcher: Service {
    let content: ContentService
    let logger: Logger
    var interval: Duration = .seconds(1)

    func run() async throws {
        await cancelWhenGracefulShutdown { await watch() }
    }

    private func watch() async {
        for await _ in content.store.changeSignals(interval: interval) {
            do {
                if try await content.refreshIfChanged() {
                    logger.info("Content changed; pages updated")
                }
            } catch {
                logger.warning("Could not check the store for changes", metadata: ["error": "\(error)"])
            }
        }
    }
}
