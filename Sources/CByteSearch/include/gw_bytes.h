#ifndef GW_BYTES_H
#define GW_BYTES_H
#include <stddef.h>

/// glibc's memmem (a GNU extension, which Swift's Glibc module does not declare): the first
/// place `needle` occurs in `haystack`, or NULL.
const void *gw_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);

/// How many bytes from the start cannot begin white space in UTF-8 text: none is an ASCII
/// control or space (<= 0x20) or a lead byte of U+00A0 (0xC2) or U+3000 (0xE3). Sixteen
/// bytes at a time where SSE2 is there. Text folding looks closer only where this stops.
size_t gw_visible_prefix(const unsigned char *bytes, size_t count);

/// How many bytes from the start a JSON string holds as they are: none is a control
/// character (< 0x20), `"`, `\` or `/` (which the stored JSON escapes). Sixteen at a time.
size_t gw_json_plain_prefix(const unsigned char *bytes, size_t count);

/// Where the first ASCII digit is, `count` when there is none. Sixteen bytes at a time: the
/// leak scanner looks for personal numbers in every page's text, which is mostly not digits.
size_t gw_first_digit(const unsigned char *bytes, size_t count);

#endif
