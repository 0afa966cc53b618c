import CLibFuzzer
import FeedParsing
import Foundation

/// Any bytes as a feed, under each content type the parser routes on (the first byte picks one).
func fuzzFeed(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    let data = Data(bytes: bytes, count: count)
    let types: [String?] = [nil, "application/rss+xml; charset=iso-8859-1", "application/feed+json", "text/html"]
    let type = types[Int(data.first ?? 0) % types.count]
    _ = try? FeedParser().parse(data, source: "fuzz", baseURL: "https://fuzz.example/feed/", contentType: type)
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzFeed(data, size) })
