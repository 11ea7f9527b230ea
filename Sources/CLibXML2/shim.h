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

#endif
