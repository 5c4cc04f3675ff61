import ArgumentParser
import RehabCLI

/// The `rehabfaqs` executable: everything happens in ``RehabCLI``.
@main
struct Entry {
    static func main() async {
        await RehabFAQsCommand.main()
    }
}
