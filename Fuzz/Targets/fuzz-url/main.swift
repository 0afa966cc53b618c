import CLibFuzzer
import Foundation
import Model

/// Any text as a link (and, after a newline, a page's canonical URL); canonical form must be stable.
func fuzzURL(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    let link = String(parts[0])
    let once = URLCanonicalizer.canonical(link)
    _ = URLCanonicalizer.canonical(once)
    _ = URLCanonicalizer.identity(link: link, pageCanonical: parts.count > 1 ? String(parts[1]) : nil)
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzURL(data, size) })
