import CLibFuzzer
import FeedParsing
import Foundation
import Model

/// Any text as a feed date; a date read must format back.
func fuzzDate(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    if let date = FeedDateParser.parse(text) { _ = FeedDateParser.format(date) }
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzDate(data, size) })
