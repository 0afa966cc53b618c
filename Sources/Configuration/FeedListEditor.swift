import Yams

/// Adds feeds to a config file's text, leaving everything else as written (comments, key order, other keys), and
/// checks that the result still loads before anyone writes it back. Used by `feeds import --write`.
public enum FeedListEditor {
    public struct NewFeed: Sendable, Equatable {
        public var name: String
        public var url: String
        public var tags: [String]
        public init(name: String, url: String, tags: [String] = []) {
            self.name = name
            self.url = url
            self.tags = tags
        }
    }

    /// The config text with `feeds` appended to its `feeds:` list (created at the end when there is none).
    public static func adding(_ feeds: [NewFeed], to text: String, file: String) throws(ConfigError) -> String {
        // A broken config is reported as it is, not edited; one that only lacks feeds is what import is for.
        do { _ = try ConfigLoader().parse(text, file: file) } catch {
            guard case .invalid(let problems) = error, problems.allSatisfy({ $0.keyPath == "feeds" }) else { throw error }
        }
        guard !feeds.isEmpty else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        switch try feedsList(in: text, file: file) {
        case .missing:
            lines.append("feeds:")
            lines += feeds.flatMap { entryLines($0, indent: 2) }
        case .empty(let keyLine):
            lines[keyLine] = String(repeating: " ", count: indentation(of: lines[keyLine])) + "feeds:"
            lines.insert(contentsOf: feeds.flatMap { entryLines($0, indent: 2) }, at: keyLine + 1)
        case .block(let firstItemLine, let lastItemLine):
            let indent = indentation(of: lines[firstItemLine])
            let end = lastLine(ofItemStartingAt: lastItemLine, indent: indent, in: lines)
            lines.insert(contentsOf: feeds.flatMap { entryLines($0, indent: indent) }, at: end + 1)
        }
        let edited = lines.joined(separator: "\n") + "\n"
        let loaded = try ConfigLoader().parse(edited, file: file)
        let urls = Set(loaded.feeds.map(\.url))
        guard feeds.allSatisfy({ urls.contains($0.url) }) else {
            throw .invalid([ConfigProblem(file: file, line: nil, keyPath: "feeds", message: "the edited list did not read back; nothing was written")])
        }
        return edited
    }

    private enum FeedsList {
        case missing
        /// `feeds:` with no value, or `feeds: []`, on this (0-based) line.
        case empty(keyLine: Int)
        /// A block list whose first and last items start on these (0-based) lines.
        case block(firstItemLine: Int, lastItemLine: Int)
    }

    private static func feedsList(in text: String, file: String) throws(ConfigError) -> FeedsList {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch { return .missing }
        guard let mapping = root?.mapping, let (key, value) = mapping.first(where: { $0.key.string == "feeds" }) else { return .missing }
        let keyLine = (key.mark?.line ?? 1) - 1
        if value.scalar != nil { return .empty(keyLine: keyLine) }
        guard let list = value.sequence else { return .missing }
        if list.isEmpty { return .empty(keyLine: keyLine) }
        guard list.style != .flow, let first = list.first?.mark?.line, let last = list.last?.mark?.line else {
            throw .invalid([
                ConfigProblem(
                    file: file, line: keyLine + 1, keyPath: "feeds",
                    message: "is a flow list ([...]); write it as a block list (one '- name:' entry per feed) to import into it")
            ])
        }
        return .block(firstItemLine: first - 1, lastItemLine: last - 1)
    }

    /// The last line that belongs to the item starting at `start`: lines indented deeper than its dash, up to the
    /// last one with content (trailing blank lines and comments at the dash's depth stay after the new entries).
    private static func lastLine(ofItemStartingAt start: Int, indent: Int, in lines: [String]) -> Int {
        var last = start
        var index = start + 1
        while index < lines.count {
            let line = lines[index]
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                index += 1
                continue
            }
            guard indentation(of: line) > indent else { break }
            last = index
            index += 1
        }
        return last
    }

    private static func entryLines(_ feed: NewFeed, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines = ["\(pad)- name: \(quoted(feed.name))", "\(pad)  url: \(quoted(feed.url))"]
        if !feed.tags.isEmpty { lines.append("\(pad)  tags: [\(feed.tags.map(quoted).joined(separator: ", "))]") }
        return lines
    }

    private static func indentation(of line: String) -> Int { line.prefix { $0 == " " }.count }

    /// A YAML double-quoted scalar.
    public static func quoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
