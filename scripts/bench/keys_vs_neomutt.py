#!/usr/bin/env python3
"""Keystroke cost of popp-console against neomutt, side by side in one run, in real ptys.

Usage: scripts/bench/keys_vs_neomutt.py --console BIN [--conversations N] [--messages M]
       [--rounds R] [--work DIR]

Two programs, each in its own pty at 120x40 (TERM=xterm-256color), started at the same time:
neomutt on an mbox of M generated messages (default 10,000), and popp-console on a sandbox of
N conversations (default 100,000) with a warm cache (a first run fills it, the measured run
starts from it). Each key is written to the pty; its latency is the time from the write to the
last byte the program writes before the terminal has been quiet for `--quiet` ms, its cost the
bytes written. The two programs take turns, a round each, so the machine's other work falls on
both alike.

Keys, for both: j x10 then k x5, three times (list moves), and PgDn. For popp-console also: `2`
(the Needs review tab) and `1` back, and a `/` query of three keys ("ana"), each key of the
query timed, then Esc. Prints medians and p95 of every figure, the ratios ours / neomutt, and
the console's resident memory (VmRSS and peak VmHWM).
"""
import argparse, fcntl, json, os, select, shutil, signal, sqlite3, statistics, struct, subprocess, sys, termios, time

ROWS, COLUMNS = 40, 120
PAGE_DOWN = "\x1b[6~"
ESC = "\x1b"


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--console", required=True, help="the popp-console binary (a release build)")
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the key sequence per program")
    parser.add_argument("--quiet", type=float, default=40, help="ms of silence that ends a key's output")
    parser.add_argument("--work", default="/tmp/popp-keys-bench", help="where the mbox, sandbox and homes live")
    parser.add_argument("--port", type=int, default=47310,
                        help="the sandbox's port: the console keeps a cache per server address, so it stays the same")
    return parser.parse_args()


class Terminal:
    """A program in a pty of its own, read until quiet after each key."""

    def __init__(self, name, argv, env):
        self.name = name
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        full_env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm-256color", **env}
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=full_env, start_new_session=True,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        os.close(slave)
        self.screen = b""

    def read_until_quiet(self, quiet_ms, limit=60.0, until=None):
        """Bytes written until `quiet_ms` pass without any once some came (and `until` has
        appeared), or `limit` seconds; the time of the last byte (None when nothing came)."""
        data = b""
        deadline = time.perf_counter() + limit
        last = None
        quiet = quiet_ms / 1000
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.master], [], [], quiet / 4)
            now = time.perf_counter()
            if ready:
                try:
                    chunk = os.read(self.master, 1 << 16)
                except OSError:
                    break
                if not chunk:
                    break
                data += chunk
                last = now
            elif last is not None and (until is None or until in data) and now - last > quiet:
                break
        self.screen = (self.screen + data)[-200_000:]
        return data, last

    def press(self, key, quiet_ms):
        """Latency in ms (write to last byte) and bytes of one key; None when nothing came."""
        start = time.perf_counter()
        os.write(self.master, key.encode())
        data, last = self.read_until_quiet(quiet_ms, limit=10)
        if last is None:
            return None, 0
        return (last - start) * 1000, len(data)

    def stop(self, quit_keys):
        try:
            os.write(self.master, quit_keys.encode())
            self.read_until_quiet(200, limit=5)
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        os.close(self.master)


def write_mbox(path, count):
    """An mbox of `count` messages from a fixed list of senders and subjects, a day apart at most."""
    if os.path.exists(path):
        return
    first = ["Ana", "Björn", "Chen", "Dana", "Emeka", "Fatima", "Giulia", "Hiro", "Ines", "José", "Kofi", "Lena"]
    last = ["Silva", "Andersson", "Wang", "Cohen", "Okafor", "Haddad", "Rossi", "Tanaka", "Moreau", "García"]
    topics = ["Application for the warehouse role", "Re: interview on Thursday", "Shift availability",
              "Question about the contract", "CV attached", "Re: Re: start date", "Reference letter"]
    start = 1_735_689_600  # 2025-01-01
    with open(path + ".partial", "w", encoding="utf-8") as mbox:
        for index in range(count):
            name = f"{first[index % len(first)]} {last[(index * 7) % len(last)]}"
            address = f"{name.split()[0].lower()}.{index}@example.com"
            stamp = time.gmtime(start + index * 3_137)
            date = time.strftime("%a, %d %b %Y %H:%M:%S +0000", stamp)
            envelope = time.strftime("%a %b %d %H:%M:%S %Y", stamp)
            mbox.write(f"From {address} {envelope}\nFrom: {name} <{address}>\nTo: recruiting@example.com\n"
                       f"Subject: {topics[index % len(topics)]} #{index}\nDate: {date}\n"
                       f"Message-ID: <{index}@bench.example.com>\n\n"
                       f"Hello,\n\nthis is message {index} of the benchmark.\n\nRegards,\n{name}\n\n")
    os.rename(path + ".partial", path)


def start_sandbox(binary, work, conversations, port):
    """A sandbox of `conversations` kept in a file (seeded once, then reused), frozen clock."""
    database = os.path.join(work, f"sandbox-{conversations}.sqlite")
    started = time.perf_counter()
    sandbox = subprocess.Popen(
        [binary, "sandbox", "--db", database, "--demo-size", str(conversations), "--speed", "0", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env={"PATH": "/usr/bin:/bin", "HOME": work})
    line = sandbox.stdout.readline().decode()
    if "listening on" not in line:
        sys.exit(f"the sandbox did not start: {line!r}")
    url = line.split("listening on ")[1].split()[0]
    print(f"sandbox of {conversations} ready in {time.perf_counter() - started:.1f} s at {url}", flush=True)
    return sandbox, url


def cached_conversations(home, url):
    """How many conversations the console's cache of the server at `url` holds (0 before it exists)."""
    port = url.split(":")[2].split("/")[0]
    for folder, _, files in os.walk(home):
        if folder.endswith(f"-{port}") and "cache.sqlite" in files:
            try:
                with sqlite3.connect(f"file:{os.path.join(folder, 'cache.sqlite')}?mode=ro", uri=True, timeout=1) as db:
                    return db.execute("SELECT COUNT(*) FROM conversation").fetchone()[0]
            except sqlite3.Error:
                return 0
    return 0


def console_environment(home, url):
    return {"HOME": home, "XDG_CONFIG_HOME": os.path.join(home, ".config"), "POPP_BASE_URL": url,
            "POPP_ORGANIZATION_ID": "sandbox-org", "POPP_API_KEY": "sandbox-key"}


def warm_cache(binary, home, url, conversations):
    if cached_conversations(home, url) >= conversations:
        return
    started = time.perf_counter()
    console = Terminal("warm-up", [binary], console_environment(home, url))
    while cached_conversations(home, url) < conversations:
        console.read_until_quiet(500, limit=1)
        if time.perf_counter() - started > 900:
            sys.exit(f"the console cached {cached_conversations(home, url)} of {conversations} in 15 minutes")
    # The first load is done; the pollers' first rounds (active set, full refresh) finish before the cache is used.
    settle = time.perf_counter() + 30
    while time.perf_counter() < settle:
        console.read_until_quiet(500, limit=1)
    console.stop("q")
    print(f"cache warmed with {conversations} conversations in {time.perf_counter() - started:.1f} s", flush=True)


def memory(pid):
    figures = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(("VmRSS", "VmHWM")):
                name, value = line.split(":")
                figures[name] = int(value.split()[0]) / 1024
    return figures


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(values):
    return {"median": statistics.median(values), "p95": percentile(values, 0.95), "n": len(values)}


def main():
    arguments = parse_arguments()
    work = arguments.work
    os.makedirs(work, exist_ok=True)
    mbox = os.path.join(work, f"messages-{arguments.messages}.mbox")
    write_mbox(mbox, arguments.messages)
    sandbox, url = start_sandbox(arguments.console, work, arguments.conversations, arguments.port)
    try:
        home = os.path.join(work, f"console-home-{arguments.conversations}")
        os.makedirs(home, exist_ok=True)
        warm_cache(arguments.console, home, url, arguments.conversations)
        run(arguments, mbox, home, url)
    finally:
        sandbox.send_signal(signal.SIGTERM)
        sandbox.wait(timeout=30)


def run(arguments, mbox, home, url):
    mutt_home = os.path.join(arguments.work, "neomutt-home")
    os.makedirs(mutt_home, exist_ok=True)
    muttrc = os.path.join(mutt_home, "muttrc")
    with open(muttrc, "w") as rc:
        rc.write(f"set folder={mutt_home}\nset spoolfile={mbox}\nset record=\"\"\nset postponed=\"\"\n")
        rc.write("set mbox_type=mbox\nset sort=date\nset header_cache=\"\"\nset mark_old=no\nset wait_key=no\n"
                 "set quit=yes\nset move=no\nset mail_check=3600\nset timeout=3600\nset beep=no\n")
    neomutt = Terminal("neomutt", ["neomutt", "-n", "-R", "-F", muttrc, "-f", mbox], {"HOME": mutt_home})
    ours = Terminal("popp-console", [arguments.console], console_environment(home, url))
    started = time.perf_counter()
    neomutt.read_until_quiet(1000, until=b"Msgs:")
    ours.read_until_quiet(1000, until=b"All campaigns")
    print(f"both painted in {time.perf_counter() - started:.1f} s", flush=True)
    # What the console's first polls bring (changes since the cache was written) is not a keystroke's cost.
    settle = time.perf_counter() + 15
    while time.perf_counter() < settle:
        ours.read_until_quiet(500, limit=1)
        neomutt.read_until_quiet(10, limit=0.05)
    moves = "j" * 10 + "k" * 5
    figures = {name: {"move": [], "move bytes": [], "page down": [], "page down bytes": []} for name in ("neomutt", "ours")}
    figures["ours"].update({"tab switch": [], "/ query key": [], "/ query key bytes": []})
    quiet = arguments.quiet

    def record(name, label, result):
        latency, count = result
        if latency is None:
            print(f"  {name}: no output for {label}", flush=True)
            return
        figures[name][label].append(latency)
        figures[name].setdefault(label + " bytes", []).append(count)

    for round_number in range(arguments.rounds):
        for name, terminal in (("neomutt", neomutt), ("ours", ours)):
            for _ in range(3):
                for key in moves:
                    record(name, "move", terminal.press(key, quiet))
            record(name, "page down", terminal.press(PAGE_DOWN, quiet))
            terminal.press("g" if name == "ours" else "=", quiet)  # back to the top for the next round
            if name == "ours":
                record(name, "tab switch", terminal.press("2", quiet))
                record(name, "tab switch", terminal.press("1", quiet))
                terminal.press("/", quiet)
                for key in "ana":
                    record(name, "/ query key", terminal.press(key, quiet))
                terminal.press(ESC, quiet + 50)  # clears the filter; Esc waits ESCDELAY (25 ms) for a sequence
        print(f"round {round_number + 1} of {arguments.rounds} done", flush=True)

    resident = memory(ours.process.pid)
    neomutt.stop("q")
    ours.stop("q")
    report(figures, resident, arguments)


def report(figures, resident, arguments):
    results = {name: {label: summary(values) for label, values in table.items() if values} for name, table in figures.items()}
    print()
    print(f"120x40, TERM=xterm-256color; neomutt on {arguments.messages} messages, popp-console on "
          f"{arguments.conversations} conversations; {arguments.rounds} rounds; quiet {arguments.quiet:g} ms")
    print(f"{'figure':<28}{'neomutt median':>16}{'p95':>10}{'ours median':>14}{'p95':>10}{'ratio (median)':>16}")
    for label in ("move", "move bytes", "page down", "page down bytes", "tab switch", "/ query key", "/ query key bytes"):
        theirs = results["neomutt"].get(label)
        mine = results["ours"].get(label)
        if mine is None:
            continue
        unit = "" if "bytes" in label else " ms"
        cells = f"{label + unit:<28}"
        cells += f"{theirs['median']:>16.2f}{theirs['p95']:>10.2f}" if theirs else f"{'—':>16}{'—':>10}"
        cells += f"{mine['median']:>14.2f}{mine['p95']:>10.2f}"
        cells += f"{mine['median'] / theirs['median']:>16.2f}" if theirs else f"{'—':>16}"
        print(cells)
    print(f"popp-console resident memory: {resident.get('VmRSS', 0):.0f} MB now, {resident.get('VmHWM', 0):.0f} MB peak")
    print(json.dumps({"results": results, "memory_mb": resident}))


if __name__ == "__main__":
    main()
