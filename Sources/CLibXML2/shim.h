#ifndef SUMMITWATCH_CLIBXML2_SHIM_H
#define SUMMITWATCH_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; its headers then pull in unicode/ucnv.h, whose UErrorCode clashes
// with Foundation in any target that imports both. We never use the ICU entry points.
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/entities.h>
#include <libxml/uri.h>

// Resolves no external entity or DTD: every load request fails, so a hostile document can
// never make the parser open a file or a URL (XXE).
static xmlParserInputPtr sw_refusing_entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}

// Silences libxml2's default printing of parse errors to stderr; errors are reported through our own types.
static void sw_silent_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

static inline void sw_libxml2_harden(void) {
    xmlInitParser();
    xmlSetExternalEntityLoader(sw_refusing_entity_loader);
    xmlSetGenericErrorFunc(NULL, sw_silent_error);
}

// libxml2 keeps the generic error handler per thread, and raises encoding errors through it with no parser
// context: every thread that parses must silence it, or conversion errors reach stderr.
static inline void sw_libxml2_silence_thread(void) {
    xmlSetGenericErrorFunc(NULL, sw_silent_error);
}

static inline void sw_ctxt_silence(xmlParserCtxtPtr ctxt) {
    if (ctxt == NULL) return;
    ctxt->sax->error = sw_silent_error;
    ctxt->sax->warning = sw_silent_error;
    ctxt->vctxt.error = sw_silent_error;
    ctxt->vctxt.warning = sw_silent_error;
}

// The options of every parse of ours, in one place. Never XML_PARSE_NOENT (entity substitution: billion laughs)
// nor XML_PARSE_DTDLOAD/DTDATTR (external DTDs: XXE); NONET as a second lock behind the refusing entity loader;
// RECOVER because the web is ill-formed; errors reach us through our own types, not stderr.
// Feeds and OPML: the push parser's depth cap is ours (FeedEventHandler), so no XML_PARSE_HUGE here.
static inline int sw_xml_options(void) {
    return XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
}
// Pages: HUGE lifts libxml2's own text-node and depth limits, which real pages exceed; our own caps bound the work.
// COMPACT and NOBLANKS keep the tree small.
static inline int sw_html_options(void) {
    return HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT
        | HTML_PARSE_NOBLANKS | XML_PARSE_HUGE;
}

// xmlFree is a global function-pointer variable, which Swift 6 will not read from concurrent code.
static inline void sw_xml_free(void *pointer) { xmlFree(pointer); }

#endif
