import CLibXML2
import Foundation

/// The yardstick for feed parsing speed: libxml2 building and freeing the document tree, nothing else.
/// Used by the benchmark, never by the pipeline.
public enum FeedParseBaseline {
    public static func parse(_ data: Data) -> Int {
        sw_libxml2_harden()
        let options = sw_xml_options()
        let doc = data.withUnsafeBytes { buffer in
            xmlReadMemory(buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count), nil, nil, options)
        }
        guard let doc else { return 0 }
        defer { xmlFreeDoc(doc) }
        return xmlDocGetRootElement(doc) == nil ? 0 : 1
    }

    /// A SAX pass that builds nothing: libxml2's tokenizer alone.
    public static func scan(_ data: Data) -> Int {
        sw_libxml2_harden()
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        let options = sw_xml_options()
        guard let context = xmlCreatePushParserCtxt(&handler, nil, nil, 0, nil) else { return 0 }
        defer { xmlFreeParserCtxt(context) }
        xmlCtxtUseOptions(context, options)
        data.withUnsafeBytes { buffer in
            _ = xmlParseChunk(context, buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count), 1)
        }
        return Int(context.pointee.wellFormed)
    }
}
