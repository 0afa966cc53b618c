import Foundation

/// Reading an HTTP Content-Type header. Both parsers need its charset (feeds by RFC 3023, pages when they name
/// none), so it lives here, where article extraction and the pipeline can reach it too.
public enum ContentType {
    /// The charset named by Content-Type, if any (`text/html; charset=ISO-8859-1` → `ISO-8859-1`).
    public static func charset(in value: String) -> String? {
        for parameter in value.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let charset = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            return charset.isEmpty ? nil : charset
        }
        return nil
    }
}
