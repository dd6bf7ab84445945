#define _XOPEN_SOURCE 700
#include "CNCurses.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <term.h>
#include <unistd.h>

static SCREEN *active_screen = NULL;
static volatile sig_atomic_t stopped = 1;
static volatile sig_atomic_t bracketed_paste = 0;
static volatile sig_atomic_t title_pushed = 0;

// write(2) rather than stdio: the crash handler calls this, and a signal handler may not use stdio.
static void write_all(const char *text, size_t length) {
  while (length > 0) {
    ssize_t written = write(STDOUT_FILENO, text, length);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;
    text += written;
    length -= (size_t)written;
  }
}

static void bracketed_paste_off(void) {
  if (!bracketed_paste) return;
  bracketed_paste = 0;
  write_all("\033[?2004l", 8);
}

int cn_terminfo_colors(const char *term) {
  int error = 0;
  if (setupterm(term, STDOUT_FILENO, &error) != OK) return -1;
  int colors = tigetnum("colors");
  del_curterm(cur_term);
  return colors < 0 ? 0 : colors;
}

WINDOW *cn_start(const char *term) {
  /* A second start (after :profile switched organizations) replaces the first screen. */
  if (active_screen != NULL && stopped) {
    delscreen(active_screen);
    active_screen = NULL;
  }
  active_screen = newterm(term, stdout, stdin);
  if (active_screen == NULL) return NULL;
  set_term(active_screen);
  stopped = 0;
  cbreak();
  noecho();
  nonl();
  intrflush(stdscr, FALSE);
  keypad(stdscr, TRUE);
  nodelay(stdscr, TRUE);
  meta(stdscr, TRUE);
  /* ncurses polls the keyboard twice per doupdate to give up a frame when keys are waiting; the
     event loop reads every waiting key before it draws, so those polls only cost time, and a
     frame given up halfway would leave the screen half drawn. */
  typeahead(-1);
  /* cbreak keeps XON/XOFF flow control, under which C-s freezes the terminal until C-q:
     C-s submits forms and may send replies here. The change is saved as the program mode,
     and endwin restores the shell's own settings. */
  struct termios modes;
  if (tcgetattr(STDIN_FILENO, &modes) == 0) {
    modes.c_iflag &= ~(tcflag_t)IXON;
    if (tcsetattr(STDIN_FILENO, TCSANOW, &modes) == 0) def_prog_mode();
  }
  if (has_colors()) {
    start_color();
    use_default_colors();
  }
  curs_set(0);
  return stdscr;
}

void cn_stop(void) {
  bracketed_paste_off();
  if (stopped) return;
  stopped = 1;
  curs_set(1);
  endwin();
  // endwin leaves the cursor as ncurses last set it on some terminals (tmux among them):
  // say "cursor normal" once more, now that the shell owns the terminal again.
  const char *normal = tigetstr("cnorm");
  if (normal != NULL && normal != (char *)-1) {
    putp(normal);
    fflush(stdout);
  }
}

int cn_is_stopped(void) { return stopped; }

void cn_set_escdelay(int milliseconds) { set_escdelay(milliseconds); }

int cn_lines(WINDOW *window) { return getmaxy(window); }
int cn_columns(WINDOW *window) { return getmaxx(window); }

attr_t cn_attr_normal(void) { return A_NORMAL; }
attr_t cn_attr_bold(void) { return A_BOLD; }
attr_t cn_attr_dim(void) { return A_DIM; }
attr_t cn_attr_underline(void) { return A_UNDERLINE; }
attr_t cn_attr_reverse(void) { return A_REVERSE; }
attr_t cn_attr_italic(void) { return A_ITALIC; }
attr_t cn_attr_standout(void) { return A_STANDOUT; }

int cn_colors(void) { return has_colors() ? COLORS : 0; }
int cn_color_pairs(void) { return has_colors() ? COLOR_PAIRS : 0; }
int cn_init_pair(int pair, int foreground, int background) { return init_extended_pair(pair, foreground, background); }
int cn_is_direct_color(void) { return has_colors() && COLORS >= 0x1000000; }

int cn_put(WINDOW *window, int row, int column, const wchar_t *text, int count, attr_t attributes, int pair) {
  wattr_set(window, attributes, 0, &pair);
  return mvwaddnwstr(window, row, column, text, count);
}

int cn_fill(WINDOW *window, int row, int column, int count, attr_t attributes, int pair) {
  wattr_set(window, attributes, 0, &pair);
  if (wmove(window, row, column) == ERR) return ERR;
  for (int i = 0; i < count; i++) {
    if (waddch(window, ' ') == ERR) return ERR;
  }
  return OK;
}

int cn_erase(WINDOW *window) { return werase(window); }

void cn_set_background(WINDOW *window, attr_t attributes, int pair) {
  cchar_t blank;
  wchar_t space[2] = {L' ', 0};
  setcchar(&blank, space, attributes, 0, &pair);
  wbkgrndset(window, &blank);
}
int cn_noutrefresh(WINDOW *window) { return wnoutrefresh(window); }
int cn_doupdate(void) { return doupdate(); }
int cn_clearok(WINDOW *window) { return clearok(window, TRUE); }

void cn_cursor(int visible, WINDOW *window, int row, int column) {
  if (visible) {
    wmove(window, row, column);
    curs_set(1);
  } else {
    curs_set(0);
  }
}

int cn_read_key(WINDOW *window, uint32_t *value) {
  wint_t key = 0;
  int kind = wget_wch(window, &key);
  if (kind == ERR) return 0;
  *value = (uint32_t)key;
  return kind == KEY_CODE_YES ? 2 : 1;
}

int cn_key_resize(void) { return KEY_RESIZE; }
int cn_key_f(int n) { return KEY_F(n); }


void cn_set_title(const char *title) {
  // OSC 2 ; title BEL. The caller has removed control characters from the title.
  fputs("\033]2;", stdout);
  fputs(title, stdout);
  fputs("\007", stdout);
  fflush(stdout);
}

void cn_beep(void) { beep(); }

void cn_title_push(void) {
  // XTWINOPS 22;0: save the window and icon titles, so the one the console sets can be undone.
  fputs("\033[22;0t", stdout);
  fflush(stdout);
  title_pushed = 1;
}

void cn_title_pop(void) {
  title_pushed = 0;
  fputs("\033[23;0t", stdout);
  fflush(stdout);
}

static volatile sig_atomic_t terminal_stderr = -1;
static char crash_notice[4200];
static volatile sig_atomic_t crash_notice_length = 0;

int cn_redirect_stderr(const char *path) {
  if (terminal_stderr >= 0) return 0;  // already redirected
  int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return errno;
  if (fd <= STDERR_FILENO) {
    // Started with stderr (or more) closed: nothing of the terminal's to keep or give back.
    close(fd);
    return EBADF;
  }
  int saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
  if (saved < 0 || dup2(fd, STDERR_FILENO) < 0) {
    int failure = errno;
    if (saved >= 0) close(saved);
    close(fd);
    return failure;
  }
  close(fd);
  int length = snprintf(crash_notice, sizeof(crash_notice), "popp-console ended on a fatal signal; what happened is at the end of %s\n", path);
  crash_notice_length = length > 0 && (size_t)length < sizeof(crash_notice) ? length : 0;
  terminal_stderr = saved;
  return 0;
}

void cn_restore_stderr(void) {
  int saved = terminal_stderr;
  if (saved < 0) return;
  // Cleared first: a crash from here on must not write its notice to a number being reused.
  terminal_stderr = -1;
  fflush(stderr);
  dup2(saved, STDERR_FILENO);
  close(saved);
}

// "popp-console: fatal signal N\n" into the log (stderr), formatted by hand: snprintf is not
// async-signal-safe. Written before endwin, which may itself hang on a lock the crash held.
static void log_fatal_signal(int signal_number) {
  if (terminal_stderr < 0) return;
  char line[48] = "popp-console: fatal signal ";
  size_t length = strlen(line);
  char digits[12];
  size_t count = 0;
  unsigned value = (unsigned)(signal_number < 0 ? 0 : signal_number);
  do {
    digits[count++] = (char)('0' + value % 10);
    value /= 10;
  } while (value > 0 && count < sizeof(digits));
  while (count > 0) line[length++] = digits[--count];
  line[length++] = '\n';
  (void)!write(STDERR_FILENO, line, length);
}

static void restore_and_reraise(int signal_number) {
  log_fatal_signal(signal_number);
  bracketed_paste_off();
  // The title the console set goes too (XTWINOPS 23: pop the one saved at start).
  if (title_pushed) {
    title_pushed = 0;
    write_all("\033[23;0t", 7);
  }
  if (!stopped) {
    stopped = 1;
    endwin();  // not async-signal-safe, but the process is dying and a sane terminal matters more
  }
  // On the terminal, under the restored screen: where to look.
  int terminal = terminal_stderr;
  if (terminal >= 0 && crash_notice_length > 0) (void)!write(terminal, crash_notice, (size_t)crash_notice_length);
  signal(signal_number, SIG_DFL);
  raise(signal_number);
}

static void install_handler(const int *signals, size_t count, void (*handler)(int), int flags) {
  for (size_t i = 0; i < count; i++) {
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = flags;
    sigaction(signals[i], &action, NULL);
  }
}

void cn_install_crash_restore(void) {
  // SIGQUIT (Ctrl-\\) too: left to the Swift runtime, it prints a backtrace over the screen and waits
  // for a key, and the terminal stays in the alternate screen with the keypad on.
  static const int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT};
  install_handler(fatal, sizeof(fatal) / sizeof(fatal[0]), restore_and_reraise, SA_RESETHAND);
}

static int signal_pipe_fd = -1;

static void forward_signal(int signal_number) {
  int saved = errno;
  unsigned char byte = (unsigned char)signal_number;
  if (signal_pipe_fd >= 0) (void)!write(signal_pipe_fd, &byte, 1);
  errno = saved;
}

void cn_install_signal_pipe(int fd) {
  signal_pipe_fd = fd;
  static const int forwarded[] = {SIGWINCH, SIGINT, SIGTERM, SIGHUP};
  install_handler(forwarded, sizeof(forwarded) / sizeof(forwarded[0]), forward_signal, SA_RESTART);
}

void cn_resize_from_terminal(void) {
  struct winsize size;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_row > 0 && size.ws_col > 0) {
    resizeterm(size.ws_row, size.ws_col);
  }
}

void cn_wake(int fd) {
  unsigned char byte = 0;
  (void)!write(fd, &byte, 1);
}

int cn_wait(int wake_fd, int timeout_ms) {
  struct pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {wake_fd, POLLIN, 0}};
  int ready = poll(fds, 2, timeout_ms);
  if (ready <= 0) return 0;
  int result = 0;
  if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) result |= 1;
  if (fds[1].revents & POLLIN) result |= 2;
  return result;
}

int cn_drain(int fd, unsigned char *signals, int max) {
  unsigned char buffer[64];
  int seen = 0;
  for (;;) {
    ssize_t count = read(fd, buffer, sizeof(buffer));
    if (count <= 0) break;
    for (ssize_t i = 0; i < count; i++) {
      if (buffer[i] != 0 && seen < max) signals[seen++] = buffer[i];
    }
  }
  return seen;
}

void cn_bracketed_paste(int on) {
  if (on) {
    fflush(stdout);
    write_all("\033[?2004h", 8);
    bracketed_paste = 1;
  } else {
    bracketed_paste_off();
  }
}

int cn_key_code(const char *capability) {
  char *sequence = tigetstr(capability);
  if (sequence == NULL || sequence == (char *)-1) return 0;
  int code = key_defined(sequence);
  return code > 0 ? code : 0;
}

static int suspended_paste = 0;

void cn_suspend(void) {
  suspended_paste = bracketed_paste;
  def_prog_mode();
  endwin();
  bracketed_paste_off();
  fflush(stdout);
}

void cn_resume(void) {
  reset_prog_mode();
  if (suspended_paste) cn_bracketed_paste(1);
  clearok(curscr, TRUE);
  refresh();
}

int cn_run_program(char *const argv[], char *const envp[], int *exit_status) {
  // As system(3) does: while the child owns the terminal, Ctrl-C and Ctrl-\ are the child's alone.
  struct sigaction ignore, saved_int, saved_quit;
  memset(&ignore, 0, sizeof(ignore));
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGINT, &ignore, &saved_int);
  sigaction(SIGQUIT, &ignore, &saved_quit);

  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults, empty;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGQUIT);
  sigemptyset(&empty);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setsigmask(&attributes, &empty);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  // The child owns the terminal: its error messages go there, not into the log that holds
  // the console's stderr meanwhile.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (terminal_stderr >= 0) posix_spawn_file_actions_adddup2(&actions, terminal_stderr, STDERR_FILENO);

  pid_t child = 0;
  int failure = posix_spawnp(&child, argv[0], &actions, &attributes, argv, envp);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (failure == 0) {
    int status = 0;
    pid_t waited;
    do {
      waited = waitpid(child, &status, 0);
    } while (waited < 0 && errno == EINTR);
    if (waited < 0) {
      failure = errno;
    } else if (WIFEXITED(status)) {
      *exit_status = WEXITSTATUS(status);
    } else {
      *exit_status = 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    }
  }
  sigaction(SIGINT, &saved_int, NULL);
  sigaction(SIGQUIT, &saved_quit, NULL);
  return failure;
}

int cn_clear_row(WINDOW *window, int row) {
  if (wmove(window, row, 0) == ERR) return ERR;
  return wclrtoeol(window);
}

int cn_touch(WINDOW *window) { return touchwin(window); }
