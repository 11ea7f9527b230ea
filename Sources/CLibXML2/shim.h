// libxml2 for Swift. xmlversion.h first, then drop ICU: with it, a clean build that
// also imports Foundation fails on two definitions of 'UErrorCode'.
#ifndef GOVWATCH_CLIBXML2_SHIM_H
#define GOVWATCH_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>
#include <string.h>

/// xmlFree is a global function pointer; Swift calls it through this.
static inline void gw_xml_free(void *p) { xmlFree(p); }

static void gw_xml_silent(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

/// Encoding errors ("input conversion failed") bypass the parser's NOERROR option and go to
/// the generic error handler, which is per thread: silence it on the calling thread, so that a
/// mislabelled page cannot flood the journal. Parse failures are reported as fetch outcomes.
static inline void gw_xml_silence_generic_errors(void) { xmlSetGenericErrorFunc(NULL, gw_xml_silent); }

/// Parses HTML with the caller's SAX handler and builds no tree: htmlReadMemory's steps with
/// another handler (the same options; `encoding`, when given, wins over the page's
/// `<meta charset>` as it does there). Returns -1 when no parser context could be made.
static inline int gw_html_sax_parse(const char *buffer, int size, const char *url, const char *encoding, int options,
                                    const htmlSAXHandler *sax, void *user) {
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(buffer, size);
    if (ctxt == NULL) return -1;
    if (ctxt->sax != NULL) memcpy(ctxt->sax, sax, sizeof(xmlSAXHandlerV1));
    ctxt->userData = user;
    htmlCtxtUseOptions(ctxt, options);
    ctxt->html = 1;
    if (encoding != NULL) {
        xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(encoding);
        if (handler != NULL) {
            xmlSwitchToEncoding(ctxt, handler);
            if (ctxt->input->encoding != NULL) xmlFree((xmlChar *)ctxt->input->encoding);
            ctxt->input->encoding = xmlStrdup((const xmlChar *)encoding);
        }
    }
    if (url != NULL && ctxt->input != NULL && ctxt->input->filename == NULL)
        ctxt->input->filename = (char *)xmlStrdup((const xmlChar *)url);
    htmlParseDocument(ctxt);
    if (ctxt->myDoc != NULL) {
        xmlFreeDoc(ctxt->myDoc);
        ctxt->myDoc = NULL;
    }
    htmlFreeParserCtxt(ctxt);
    return 0;
}

#endif
