// Typed wrappers over libcurl's variadic API, and the socket policy callback.
#ifndef GOVWATCH_CCURL_SHIM_H
#define GOVWATCH_CCURL_SHIM_H

#include <curl/curl.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

static inline CURLcode gw_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode gw_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode gw_setopt_str(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode gw_setopt_ptr(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode gw_setopt_write(CURL *h, size_t (*f)(char *, size_t, size_t, void *)) {
    return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, f);
}
static inline CURLcode gw_setopt_read(CURL *h, size_t (*f)(char *, size_t, size_t, void *)) {
    return curl_easy_setopt(h, CURLOPT_READFUNCTION, f);
}
static inline CURLMcode gw_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

static inline long gw_info_long(CURL *h, CURLINFO i) { long v = 0; curl_easy_getinfo(h, i, &v); return v; }
static inline curl_off_t gw_info_off(CURL *h, CURLINFO i) { curl_off_t v = 0; curl_easy_getinfo(h, i, &v); return v; }
static inline void *gw_info_private(CURL *h) { char *v = NULL; curl_easy_getinfo(h, CURLINFO_PRIVATE, &v); return v; }

/// The value of a response header of the last request, or NULL.
static inline const char *gw_header(CURL *h, const char *name) {
    struct curl_header *hd = NULL;
    if (curl_easy_header(h, name, 0, CURLH_HEADER, -1, &hd) == CURLHE_OK && hd) return hd->value;
    return NULL;
}

/// Address classes for the connection policy.
enum { GW_ADDR_PUBLIC = 0, GW_ADDR_LOOPBACK = 1, GW_ADDR_PRIVATE = 2 };

/// Classifies an IPv4 address given in host byte order.
static inline int gw_classify_ipv4(uint32_t ip) {
    uint32_t a = ip >> 24, b = (ip >> 16) & 0xff;
    if (a == 127) return GW_ADDR_LOOPBACK;
    if (a == 10 || a == 0) return GW_ADDR_PRIVATE;
    if (a == 172 && b >= 16 && b <= 31) return GW_ADDR_PRIVATE;
    if (a == 192 && b == 168) return GW_ADDR_PRIVATE;
    if (a == 169 && b == 254) return GW_ADDR_PRIVATE;           /* link-local, cloud metadata */
    if (a == 100 && b >= 64 && b <= 127) return GW_ADDR_PRIVATE; /* carrier-grade NAT */
    if (a >= 224) return GW_ADDR_PRIVATE;                        /* multicast, reserved, broadcast */
    return GW_ADDR_PUBLIC;
}

/// Classifies an IPv6 address (16 bytes, network order).
static inline int gw_classify_ipv6(const unsigned char *s) {
    static const unsigned char loop[16] = {0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1};
    static const unsigned char zero[16] = {0};
    if (memcmp(s, loop, 16) == 0) return GW_ADDR_LOOPBACK;
    if (memcmp(s, zero, 16) == 0) return GW_ADDR_PRIVATE;
    if (s[0] == 0 && s[1] == 0 && s[2] == 0 && s[3] == 0 && s[4] == 0 && s[5] == 0 && s[6] == 0 && s[7] == 0 &&
        s[8] == 0 && s[9] == 0 && s[10] == 0xff && s[11] == 0xff) { /* IPv4-mapped */
        uint32_t ip = ((uint32_t)s[12] << 24) | ((uint32_t)s[13] << 16) | ((uint32_t)s[14] << 8) | s[15];
        return gw_classify_ipv4(ip);
    }
    if ((s[0] & 0xfe) == 0xfc) return GW_ADDR_PRIVATE;              /* unique local */
    if (s[0] == 0xfe && (s[1] & 0xc0) == 0x80) return GW_ADDR_PRIVATE; /* link-local */
    if (s[0] == 0xff) return GW_ADDR_PRIVATE;                        /* multicast */
    return GW_ADDR_PUBLIC;
}

/// Classifies a textual IP address; -1 when the text is not an IP literal.
static inline int gw_classify_literal(const char *text) {
    struct in_addr a4; struct in6_addr a6;
    if (inet_pton(AF_INET, text, &a4) == 1) return gw_classify_ipv4(ntohl(a4.s_addr));
    if (inet_pton(AF_INET6, text, &a6) == 1) return gw_classify_ipv6(a6.s6_addr);
    return -1;
}

/// What a transfer may connect to; `refused` is set when the policy blocked a connection.
typedef struct { int allow_loopback; int allow_private; int refused; } gw_socket_policy;

/// CURLOPT_OPENSOCKETFUNCTION: checks every resolved address before a socket is opened,
/// so that a host name resolving to a private address is refused before any connection.
static inline curl_socket_t gw_open_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *a) {
    (void)purpose;
    gw_socket_policy *p = (gw_socket_policy *)clientp;
    int cls = GW_ADDR_PRIVATE;
    if (a->family == AF_INET) cls = gw_classify_ipv4(ntohl(((struct sockaddr_in *)&a->addr)->sin_addr.s_addr));
    else if (a->family == AF_INET6) cls = gw_classify_ipv6(((struct sockaddr_in6 *)&a->addr)->sin6_addr.s6_addr);
    if ((cls == GW_ADDR_LOOPBACK && !p->allow_loopback) || (cls == GW_ADDR_PRIVATE && !p->allow_private)) {
        p->refused = 1;
        return CURL_SOCKET_BAD;
    }
    return socket(a->family, a->socktype, a->protocol);
}

static inline CURLcode gw_install_socket_policy(CURL *h, gw_socket_policy *p) {
    CURLcode rc = curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, gw_open_socket);
    if (rc != CURLE_OK) return rc;
    return curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, (void *)p);
}

#endif
