#define _XOPEN_SOURCE 700
#include "CLocaleWidth.h"

#include <langinfo.h>
#include <locale.h>
#include <strings.h>
#include <wchar.h>

int clw_setup_locale(void) {
  setlocale(LC_ALL, "");
  const char *codeset = nl_langinfo(CODESET);
  if (codeset == NULL || strcasecmp(codeset, "UTF-8") != 0) {
    setlocale(LC_CTYPE, "C.UTF-8");
    codeset = nl_langinfo(CODESET);
  }
  return codeset != NULL && strcasecmp(codeset, "UTF-8") == 0;
}

int clw_wcwidth(uint32_t codepoint) { return wcwidth((wchar_t)codepoint); }
