#!/usr/bin/env python3
r"""Writes Tests/Fixtures/hostile-messages.jsonl: the corpus of hostile candidate messages.

Each line is a JSON object {"name": ..., "body": ...} that the tests POST verbatim to
/sandbox/conversations/{id}/candidate-messages (the sandbox ignores "name"). Every body starts
with a marker [[hNN]] so a test can find it on screen. The file is ASCII: every control and
non-ASCII character is a \u escape, so `cat` on it is harmless. The two lone-surrogate lines
are not valid Unicode and are written by hand; the sandbox refuses them (400), as far as JSON
allows. Edit the list below, then run: python3 scripts/hardening/hostile-corpus.py
"""
import json
import os

E = "\x1b"; BEL = "\x07"; ST = E + "\\"
entries = [
 ("csi-clear-home", E+"[2J"+E+"[H"+E+"[3J CLEARED?"),
 ("csi-cursor-moves", E+"[10;10H"+E+"[5A"+E+"[20C"+E+"[2B"+E+"[3D"+E+"7"+E+"8"+E+"[s"+E+"[u"+E+"D"+E+"M"+E+"E moved?"),
 ("csi-sgr-colours", E+"[31;1;5;7mRED BLINK"+E+"[38;2;255;0;0;48;5;21mTRUE"+E+"[8mHIDDEN"+E+"[0m plain?"),
 ("csi-sgr-unterminated", E+"[41m"+E+"[97m background left on?"),
 ("csi-cursor-hide-show", E+"[?25l cursor hidden? "+E+"[?12h"+E+"[5 q"),
 ("csi-alternate-screen", E+"[?1049l"+E+"[?47l"+E+"[?1047h alt screen toggled?"),
 ("csi-scroll-region", E+"[5;10r"+E+"[3S"+E+"[2T"+E+"[r scrolled?"),
 ("csi-insert-delete", E+"[5L"+E+"[5M"+E+"[10P"+E+"[10@"+E+"[2K"+E+"[1J"+E+"[10X edited?"),
 ("csi-modes", E+"[?1000h"+E+"[?1006h"+E+"[?2004l"+E+"[4h"+E+"[?7l"+E+"[?6h"+E+"[?1h"+E+"= modes?"),
 ("csi-report-requests", E+"[6n"+E+"[c"+E+"[>c"+E+"[21t"+E+"[14t"+E+"[?u"+E+"]11;?"+BEL+" answers injected?"),
 ("csi-window-ops", E+"[8;5;20t"+E+"[3;0;0t"+E+"[2t"+E+"[22;0t"+E+"[23;0t resized?"),
 ("csi-reset", E+"c"+E+"[!p"+E+"#8 reset and filled with E?"),
 ("charset-switch", E+"(0lqqqk x x mqqqj"+E+"(B"+"\x0e shifted \x0f"+E+")0"+E+"*0 charset?"),
 ("osc0-title-bel", E+"]0;PWNED-TITLE-0"+BEL+" title?"),
 ("osc2-title-st", E+"]2;PWNED-TITLE-2"+ST+" title?"),
 ("osc1-icon", E+"]1;PWNED-ICON"+BEL+E+"]L;PWNED-L"+ST),
 ("osc8-hyperlink", E+"]8;;https://evil.example/login"+ST+"click me"+E+"]8;;"+ST+" link?"),
 ("osc52-clipboard-bel", E+"]52;c;cHduZWQ="+BEL+" clipboard?"),
 ("osc52-clipboard-st", E+"]52;p;cm0gLXJmIH4K"+ST+E+"]52;s0;cHduZWQ="+ST),
 ("osc-palette", E+"]4;1;rgb:ff/00/00"+BEL+E+"]10;#ff0000"+BEL+E+"]11;#00ff00"+BEL+E+"]12;#0000ff"+BEL+E+"]104"+BEL+" palette?"),
 ("osc-shell-integration", E+"]7;file://evil/etc"+BEL+E+"]133;A"+BEL+E+"]1337;SetMark"+BEL+E+"]9;notify"+BEL+E+"]777;notify;a;b"+BEL),
 ("dcs-requests", E+"P+q544e"+ST+E+"P$qm"+ST+" dcs?"),
 ("dcs-tmux-passthrough", E+"Ptmux;"+E+E+"]52;c;cHduZWQ="+BEL+E+E+"]2;PWNED-PASSTHROUGH"+BEL+ST+" passthrough?"),
 ("dcs-sixel", E+"Pq#0;2;0;0;0#1;2;100;100;0#1~~@@vv@@~~@@~~$-"+ST),
 ("apc-pm-sos", E+"_Gf=100,a=T;AAAA"+ST+E+"^privacy message"+ST+E+"Xstart of string"+ST+" apc?"),
 ("unterminated-osc", E+"]2;PWNED-UNTERMINATED never ended"),
 ("unterminated-dcs", E+"Pq swallowing the rest"),
 ("c1-8bit-sequences", "\u009b31m\u009b2J\u009d2;PWNED-C1\u009c\u0090+q544e\u009c\u009f apc\u009c\u009e pm\u009c\u0098 sos\u009c c1?"),
 ("c1-all", "".join(chr(c) for c in range(0x80, 0xa0)) + " all C1"),
 ("c0-all-and-del", "".join(chr(c) for c in range(0x01, 0x20)) + "\x7f all C0"),
 ("bel-bs-cr", "ring"+BEL+BEL+BEL+" back\b\b\b\bXX over\rOVERWRITTEN? \r\n crlf"),
 ("nul", "before\x00after NUL"),
 ("tabs-vt-ff", "col1\tcol2\t\tcol3\x0bvertical\x0cformfeed"),
 ("bidi-overrides", "\u202eexe.txt\u202c \u2066isolate\u2069 \u2067rtl\u2069 \u2068fsi\u2069 \u202a\u202b\u202d \u200e\u200f\u061c bidi"),
 ("zero-width", "z\u200bw\u200cs\u200dj\u2060w\ufeffj 👨\u200d👩\u200d👧\u200d👦 family \u200d\u200d\u200d"),
 ("combining-storm", "Z" + "\u0336\u0321\u031b\u0320" * 60 + "algo" + "e" + "\u0301" * 200),
 ("emoji-cjk-storm", ("日本語テキスト🇯🇵🏳️‍🌈👩🏽‍💻🧑🏿‍🤝‍🧑🏻 한국어 中文 ﷽ " * 12)),
 ("variation-selectors", "☺\ufe0f☺\ufe0e✈\ufe0f #\ufe0f\u20e3 " + "a\U000e0101" + " tags \U000e0041\U000e0042"),
 ("specials", "\ufff9\ufffa\ufffb\ufffc\ufffd\ufffe\uffff \U0010ffff \U000f0000 specials"),
 ("line-separators", "ls\u2028ps\u2029nel\u0085 separators"),
 ("newline-storm", "top" + "\n" * 120 + "bottom"),
 ("overlong-ascii-10k", "L" * 10000),
 ("overlong-cjk-3k", "長" * 3000),
 ("overlong-spaces-10k", "w " * 5000),
 ("trailing-escape", "ends with escape " + E),
 ("double-escape", E+E+"[[31m"+E+"["+E+"]"+E+"P"+E+"_ nested?"),
 ("rtl-scripts", "مرحبا بك في الوظيفة שלום עולם"),
 ("lone-surrogate-low", None),
 ("lone-surrogate-high", None),
]
lines = []
for i, (name, body) in enumerate(entries, 1):
    marker = "[[h%02d]]" % i
    if body is None:
        raw = {"lone-surrogate-low": marker + " lone \\udc80 low", "lone-surrogate-high": marker + " lone \\ud800 high \\udfff"}[name]
        lines.append('{"name": "%s", "body": "%s"}' % (name, raw))
    else:
        lines.append(json.dumps({"name": name, "body": marker + " " + body}, ensure_ascii=True))
open(os.path.join(os.path.dirname(__file__), "../../Tests/Fixtures/hostile-messages.jsonl"), "w").write("\n".join(lines) + "\n")
print("wrote %d entries" % len(lines))
