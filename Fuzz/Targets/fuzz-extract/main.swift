import ArticleExtraction
import CLibFuzzer
import Foundation

/// Any bytes as an article page.
func fuzzExtract(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    _ = try? ArticleExtractor().extract(Data(bytes: bytes, count: count), url: "https://fuzz.example/a/1.html", charset: nil)
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzExtract(data, size) })
