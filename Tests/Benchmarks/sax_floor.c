/* The parse stage's floor: libxml2's HTML parser over the same pages with SAX handlers that
 * do nothing, on one core. govwatch reads articles from these same events (PageStream), so
 * its parse time above this floor is what its own Swift costs: the walker, the text, the
 * fields, the links. Same options as govwatch (recover, no errors, no network, compact); the
 * encoding is taken as govwatch takes it from the page's first 4 KB (GBK family -> GB18030).
 *   cc -O2 sax_floor.c -o sax_floor $(xml2-config --cflags --libs); ./sax_floor FILES.txt */
#define _GNU_SOURCE
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static void on_start(void *c, const xmlChar *n, const xmlChar **a) { (void)c; (void)n; (void)a; }
static void on_end(void *c, const xmlChar *n) { (void)c; (void)n; }
static void on_text(void *c, const xmlChar *b, int l) { (void)c; (void)b; (void)l; }

static const char *encoding_of(const char *page, size_t size) {
    char head[4097];
    size_t n = size < 4096 ? size : 4096;
    memcpy(head, page, n);
    head[n] = 0;
    const char *cs = strcasestr(head, "charset=");
    if (cs == NULL) return "UTF-8";
    cs += 8;
    while (*cs == '"' || *cs == '\'' || *cs == ' ') cs++;
    if (strncasecmp(cs, "gb", 2) == 0 || strncasecmp(cs, "x-gbk", 5) == 0 || strncasecmp(cs, "cp936", 5) == 0)
        return "GB18030";
    return "UTF-8";
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: sax_floor FILES.txt\n"); return 2; }
    FILE *list = fopen(argv[1], "r");
    if (list == NULL) { perror(argv[1]); return 2; }
    size_t cap = 1024, n = 0, total = 0;
    char **pages = malloc(cap * sizeof *pages);
    size_t *sizes = malloc(cap * sizeof *sizes);
    char path[4096];
    while (fgets(path, sizeof path, list)) {
        path[strcspn(path, "\n")] = 0;
        FILE *f = fopen(path, "rb");
        if (f == NULL) continue;
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        fseek(f, 0, SEEK_SET);
        if (n == cap) {
            cap *= 2;
            pages = realloc(pages, cap * sizeof *pages);
            sizes = realloc(sizes, cap * sizeof *sizes);
        }
        pages[n] = malloc(size > 0 ? size : 1);
        sizes[n] = fread(pages[n], 1, size, f);
        total += sizes[n++];
        fclose(f);
    }
    fclose(list);
    xmlInitParser();
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.characters = on_text;
    sax.cdataBlock = on_text;
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT;
    double best = 1e9;
    for (int round = 0; round < 2; round++) {
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        for (size_t i = 0; i < n; i++) {
            htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(pages[i], (int)sizes[i]);
            if (ctxt == NULL) continue;
            memcpy(ctxt->sax, &sax, sizeof(xmlSAXHandlerV1));
            ctxt->userData = NULL;
            htmlCtxtUseOptions(ctxt, options);
            xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(encoding_of(pages[i], sizes[i]));
            if (handler != NULL) xmlSwitchToEncoding(ctxt, handler);
            htmlParseDocument(ctxt);
            if (ctxt->myDoc != NULL) xmlFreeDoc(ctxt->myDoc);
            htmlFreeParserCtxt(ctxt);
        }
        clock_gettime(CLOCK_MONOTONIC, &b);
        double s = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
        if (s < best) best = s;
    }
    printf("libxml2-C SAX no-op  files=%zu MB=%.1f wall=%.2fs pages/s=%.0f\n", n, total / 1e6, best, n / best);
    return 0;
}
