// The only C in popp-console: what ncursesw's macros and wide-character API hide from Swift.
#ifndef CNCURSES_H
#define CNCURSES_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <curses.h>
#include <stdint.h>
#include <wchar.h>

/* The terminfo entry's colour count for `term` without starting the screen (for doctor);
   -1 when the terminal type is unknown. */
int cn_terminfo_colors(const char *term);

// Screen lifecycle. newterm() rather than initscr(), which exits the process on an unknown TERM.
WINDOW *cn_start(const char *term);
void cn_stop(void);
int cn_is_stopped(void);
void cn_set_escdelay(int milliseconds);

// Sizes.
int cn_lines(WINDOW *window);
int cn_columns(WINDOW *window);

// Attributes and colours.
attr_t cn_attr_normal(void);
attr_t cn_attr_bold(void);
attr_t cn_attr_dim(void);
attr_t cn_attr_underline(void);
attr_t cn_attr_reverse(void);
attr_t cn_attr_italic(void);
attr_t cn_attr_standout(void);
int cn_colors(void);
int cn_color_pairs(void);
int cn_init_pair(int pair, int foreground, int background);
// Direct-colour terminals (COLORS == 2^24, e.g. TERM=xterm-direct) take 0xRRGGBB as colour numbers.
int cn_is_direct_color(void);

// Drawing: `count` wide characters at (row, column) with attributes and a colour pair.
int cn_put(WINDOW *window, int row, int column, const wchar_t *text, int count, attr_t attributes, int pair);
int cn_fill(WINDOW *window, int row, int column, int count, attr_t attributes, int pair);
int cn_erase(WINDOW *window);
// Blanks one row of a window in its background (the row is drawn again after).
int cn_clear_row(WINDOW *window, int row);
// Marks a whole window changed, so that wnoutrefresh copies all of it.
int cn_touch(WINDOW *window);
// What erased cells of a window show: the theme's screen colour.
void cn_set_background(WINDOW *window, attr_t attributes, int pair);
int cn_noutrefresh(WINDOW *window);
int cn_doupdate(void);
int cn_clearok(WINDOW *window);
void cn_cursor(int visible, WINDOW *window, int row, int column);

// Input: reads one key without blocking. Returns 0 when nothing is waiting, 1 for a character
// (in *value), 2 for a function key code (KEY_*, in *value).
int cn_read_key(WINDOW *window, uint32_t *value);
int cn_key_resize(void);
int cn_key_f(int n);

// Terminal title (OSC 2), written straight to the terminal.
void cn_set_title(const char *title);
void cn_beep(void);
// Save and restore the terminal's title (xterm's title stack; ignored where unsupported).
void cn_title_push(void);
void cn_title_pop(void);

// Bracketed paste (DEC mode 2004): pastes arrive between ESC [ 200 ~ and ESC [ 201 ~, so a pasted line feed is
// not Enter. cn_stop and the crash restore turn it off again.
void cn_bracketed_paste(int on);
// The key code ncurses gives the key a terminfo capability names (e.g. "kLFT5", Ctrl-Left), or 0 when the
// terminal has none.
int cn_key_code(const char *capability);

// Hands the terminal to another program and takes it back (def_prog_mode + endwin, then reset_prog_mode and a
// full repaint), with bracketed paste off in between.
void cn_suspend(void);
void cn_resume(void);
// Runs argv[0] (searched in PATH) with `envp` on the terminal and waits for it; SIGINT and SIGQUIT are ignored
// meanwhile, as system(3) does, and default in the child. Returns 0 and the exit status (128 + signal when
// killed), or the errno of a failed start.
int cn_run_program(char *const argv[], char *const envp[], int *exit_status);

// Restores the terminal if the process dies on a fatal signal, then dies as it would have.
void cn_install_crash_restore(void);

// While the screen runs, stderr goes to `path` (appended, mode 600): a runtime error's message
// would otherwise be written over the screen and lost with it. On a crash the handler writes the
// signal to the log and tells the real stderr where to look; a program run with cn_run_program
// gets the real stderr. Returns 0 (also when already redirected), or an errno (stderr untouched).
int cn_redirect_stderr(const char *path);
// Gives stderr back to the terminal.
void cn_restore_stderr(void);

// SIGWINCH, SIGINT, SIGTERM and SIGHUP write their number as one byte to `fd` (a self-pipe
// the event loop polls), which is all an async-signal-safe handler may do.
void cn_install_signal_pipe(int fd);
// After SIGWINCH: reads the terminal's size and resizes ncurses to it.
void cn_resize_from_terminal(void);
// Writes one byte to `fd` without blocking (the wake-up of the event loop).
void cn_wake(int fd);
// Waits until stdin or `wake_fd` is readable (or `timeout_ms` passes, -1 for ever).
// Returns a bit set: 1 stdin ready, 2 wake_fd ready.
int cn_wait(int wake_fd, int timeout_ms);
// Reads and discards what is in `fd`, returning the signal numbers seen (up to `max`).
int cn_drain(int fd, unsigned char *signals, int max);

#endif
