// Declares the system's ncursesw to SwiftPM so that a machine without its headers gets the
// install hint (apt-get install libncursesw5-dev); the CNCurses target is what Swift imports.
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
