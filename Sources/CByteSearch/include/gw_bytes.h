#ifndef GW_BYTES_H
#define GW_BYTES_H
#include <stddef.h>

/// glibc's memmem (a GNU extension, which Swift's Glibc module does not declare): the first
/// place `needle` occurs in `haystack`, or NULL.
const void *gw_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);

#endif
