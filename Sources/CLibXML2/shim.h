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

/// xmlFree is a global function pointer; Swift calls it through this.
static inline void gw_xml_free(void *p) { xmlFree(p); }

static void gw_xml_silent(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

/// Encoding errors ("input conversion failed") bypass the parser's NOERROR option and go to
/// the generic error handler, which is per thread: silence it on the calling thread, so that a
/// mislabelled page cannot flood the journal. Parse failures are reported as fetch outcomes.
static inline void gw_xml_silence_generic_errors(void) { xmlSetGenericErrorFunc(NULL, gw_xml_silent); }

#endif
