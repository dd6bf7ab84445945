#!/usr/bin/env python3
"""Bytes ncurses writes for one-row selection moves, in a real pty at 120x40.

Usage: scripts/measure-redraw-bytes.py [path/to/popp-console]   (default .build/debug/popp-console)

Starts the console on its built-in sandbox (clock frozen), waits for the first paint with
data, then presses j (and k) several times, counting the bytes written after each key until
the terminal is quiet. Prints every figure and the median.
"""
import fcntl, os, select, signal, statistics, struct, subprocess, sys, tempfile, termios, time

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/popp-console"
rows, columns = 40, 120

master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
home = tempfile.mkdtemp(prefix="popp-bytes-")
env = {"PATH": "/usr/bin:/bin", "HOME": home, "XDG_CONFIG_HOME": home, "LANG": "C.UTF-8", "TERM": "xterm-256color"}
process = subprocess.Popen([binary, "--sandbox-speed", "0"], stdin=slave, stdout=slave, stderr=slave, env=env,
                           start_new_session=True, preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
os.close(slave)


def read_until_quiet(quiet=0.4, limit=20.0, until=None):
    data = b""
    deadline = time.time() + limit
    last = time.time()
    while time.time() < deadline:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the console has exited and closed the terminal
                break
            if not chunk:
                break
            data += chunk
            last = time.time()
        elif (until is None or until in data) and time.time() - last > quiet:
            break
    return data


first = read_until_quiet(quiet=1.0, until=b"need review")
print(f"first paint: {len(first)} bytes")
figures = []
for key in "jjjjjkkkkk":
    os.write(master, key.encode())
    figures.append(len(read_until_quiet()))
print("one-row moves:", figures)
print(f"median bytes per one-row move: {statistics.median(figures)}")
os.write(master, b"q")
read_until_quiet(quiet=0.5, limit=5)
print(f"exit status after q: {process.wait(timeout=10)}")
