// libxlsxwriter (Debian libxlsxwriter-dev) for native .xlsx export.
#ifndef GOVWATCH_CXLSXWRITER_SHIM_H
#define GOVWATCH_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
