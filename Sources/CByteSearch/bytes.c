#define _GNU_SOURCE
#include <string.h>
#include "gw_bytes.h"

const void *gw_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length) {
    return memmem(haystack, haystack_length, needle, needle_length);
}

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

size_t gw_visible_prefix(const unsigned char *bytes, size_t count) {
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i c2 = _mm_set1_epi8((char)0xC2);
    const __m128i e3 = _mm_set1_epi8((char)0xE3);
    for (; i + 16 <= count; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
        __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, space), v); /* v <= 0x20 */
        __m128i hit = _mm_or_si128(low, _mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, e3)));
        int mask = _mm_movemask_epi8(hit);
        if (mask != 0) return i + (size_t)__builtin_ctz((unsigned)mask);
    }
#endif
    for (; i < count; i++) {
        unsigned char c = bytes[i];
        if (c <= 0x20 || c == 0xC2 || c == 0xE3) return i;
    }
    return count;
}

size_t gw_json_plain_prefix(const unsigned char *bytes, size_t count) {
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i below = _mm_set1_epi8(0x1F);
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i slash = _mm_set1_epi8('/');
    for (; i + 16 <= count; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
        __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, below), v); /* v < 0x20 */
        __m128i marks = _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_or_si128(_mm_cmpeq_epi8(v, backslash), _mm_cmpeq_epi8(v, slash)));
        int mask = _mm_movemask_epi8(_mm_or_si128(control, marks));
        if (mask != 0) return i + (size_t)__builtin_ctz((unsigned)mask);
    }
#endif
    for (; i < count; i++) {
        unsigned char c = bytes[i];
        if (c < 0x20 || c == '"' || c == '\\' || c == '/') return i;
    }
    return count;
}

size_t gw_first_digit(const unsigned char *bytes, size_t count) {
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_set1_epi8('0');
    const __m128i nine = _mm_set1_epi8('9');
    for (; i + 16 <= count; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
        __m128i digit = _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, zero), v), _mm_cmpeq_epi8(_mm_min_epu8(v, nine), v));
        int mask = _mm_movemask_epi8(digit);
        if (mask != 0) return i + (size_t)__builtin_ctz((unsigned)mask);
    }
#endif
    for (; i < count; i++) {
        if (bytes[i] >= '0' && bytes[i] <= '9') return i;
    }
    return count;
}
