import Logging
import ServiceLifecycle

/// Polls the store once a second and refreshes the content snapshot when another process (or
/// node) has changed the content.
struct ContentWatcher: Service {
    let content: ContentService
    let logger: Logger
    var interval: Duration = .seconds(1)

    func run() async throws {
        try await cancelWhenGracefulShutdown { try await poll() }
    }

    private func poll() async throws {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return  // Cancelled: shutting down.
            }
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
