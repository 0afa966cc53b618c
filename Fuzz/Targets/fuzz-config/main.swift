import CLibFuzzer
import Configuration
import Foundation

/// Any text as a config file: it loads or reports its problems, never traps.
func fuzzConfig(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    do {
        let config = try ConfigLoader().parse(text, file: "fuzz.yaml")
        _ = config.feeds.count
    } catch {
        _ = error.description
    }
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzConfig(data, size) })
