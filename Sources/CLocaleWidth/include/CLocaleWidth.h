#ifndef CLOCALEWIDTH_H
#define CLOCALEWIDTH_H

#include <stdint.h>

// Locale: sets LC_ALL from the environment and falls back to C.UTF-8 for LC_CTYPE when the
// codeset is not UTF-8 (CI often has LANG unset). Returns 1 when the codeset is UTF-8.
int clw_setup_locale(void);

// Column width of one code point (libc wcwidth under the current locale). Swift's Glibc
// module does not export wcwidth, which is an X/Open extension.
int clw_wcwidth(uint32_t codepoint);

#endif
