import CLibXML2
import Foundation
import Model

/// The yardstick for extraction speed: libxml2's HTML parse of a page, with the extractor's options and the
/// UTF-8 reading our pages get, and one walk over all its text, nothing else.
public enum ParseBaseline {
    /// Parses a page and walks every text node, counting its bytes (returned so the work is not optimised away).
    public static func parseAndWalk(_ data: Data, url: String? = nil) -> Int {
        sw_libxml2_harden()
        let bytes = [UInt8](data)
        let encoding = UTF8Validation.isValid(bytes) ? "UTF-8" : "windows-1252"
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                htmlReadMemory(pointer, Int32(buffer.count), url, encoding, sw_html_options())
            }
        }
        guard let document else { return 0 }
        defer { xmlFreeDoc(document) }
        return textLength(xmlDocGetRootElement(document))
    }

    private static func textLength(_ node: xmlNodePtr?) -> Int {
        var total = 0
        var child = node?.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content {
                total += Int(xmlStrlen(content))
            } else if current.pointee.type == XML_ELEMENT_NODE {
                total += textLength(current)
            }
            child = current.pointee.next
        }
        return total
    }
}
