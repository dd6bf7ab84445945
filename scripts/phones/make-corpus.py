#!/usr/bin/env python3
"""Writes Tests/Fixtures/phone-corpus.jsonl: phone numbers of every region libphonenumber
knows, as people write them, each with libphonenumber's verdict, for
PhoneNumberDifferentialTests, one JSON array a line after a header object: [region, text, valid, e164, case].
scripts/phones/differential.sh --write runs it in the venv
with the pinned phonenumbers (and --phonenumbers V with another, into .build); by hand:

    . scripts/venv.sh; venv_require phonenumbers==9.0.43
    "$venv/bin/python" -B scripts/phones/make-corpus.py [--seed N] [--check] [OUTPUT]

For every region and every kind of number it has (fixed line, mobile, toll free, ...):
libphonenumber's example number and one drawn at random from the kind's pattern; each written
in national form, in international form, and one other way drawn from: E.164, the region's
international prefix, dashes, dots, `tel:`, `+CC (0)…`, the national significant number
alone, the calling code without `+`, other scripts' digits. Then two damaged copies of each
number (a digit short, a digit too many, another first or second digit), written nationally
or internationally. The verdict is libphonenumber's: `phonenumbers.parse(text, region)`,
`is_valid_number`, and the E.164 of a valid number. A text libphonenumber cannot parse is
invalid. Numbers of no country (+800 …) have no region and only international forms.

The first line says which phonenumbers and seed wrote the rest; every region draws from its
own generator (seeded by the seed and its code), so a region's lines do not change when
another region's do. --check exits 1, writing nothing, when OUTPUT differs.
"""

import json
import os
import random
import sys

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import digit_patterns  # noqa: E402
from plans_metadata import NON_GEOGRAPHIC, international_prefixes, kinds_of, metadata, regions  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DEFAULT_OUTPUT = os.path.join(ROOT, "Tests", "Fixtures", "phone-corpus.jsonl")
OTHER_SCRIPTS = ["\uff10", "\u0660", "\u06f0", "\u0966"]  # fullwidth, Arabic-Indic, Persian, Devanagari zeros


def verdict(text, region):
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        return False, None
    if not phonenumbers.is_valid_number(number):
        return False, None
    return True, phonenumbers.format_number(number, PhoneNumberFormat.E164)


def random_number(desc, rng):
    """A national number of `desc`'s pattern and lengths, or None after a few tries."""
    for _ in range(20):
        digits = digit_patterns.sample(desc.national_number_pattern, rng)
        if (not desc.possible_length or len(digits) in desc.possible_length) and digit_patterns.fullmatch(
            desc.national_number_pattern, digits
        ):
            return digits
    return None


def number_object(calling_code, national):
    number = phonenumbers.PhoneNumber(country_code=calling_code, national_number=int(national))
    if national.startswith("0"):
        number.italian_leading_zero = True
        zeros = len(national) - len(national.lstrip("0"))
        number.number_of_leading_zeros = min(zeros, len(national) - 1)
    return number


def other_script(text, rng):
    zero = ord(rng.choice(OTHER_SCRIPTS))
    return "".join(chr(zero + int(c)) if c.isdigit() else c for c in text)


def forms(calling_code, region, meta, national, rng):
    """(form, text) for one national significant number: national and international, then
    one more way drawn at random."""
    number = number_object(calling_code, national)
    international = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    written = [("international", international)]
    others = [
        ("e164", phonenumbers.format_number(number, PhoneNumberFormat.E164)),
        ("tel", phonenumbers.format_number(number, PhoneNumberFormat.RFC3966)),
    ]
    prefixes = international_prefixes(meta)
    if prefixes:
        others.append(("idd", rng.choice(prefixes) + " " + international[1:]))
    if region != NON_GEOGRAPHIC:
        national_form = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
        written.insert(0, ("national", national_form))
        others += [
            ("dashes", national_form.replace(" ", "-")),
            ("dots", national_form.replace(" ", ".").replace("-", ".")),
            ("nsn", national),
            ("cc", str(calling_code) + national),
            ("script", other_script(national_form, rng)),
        ]
        if meta.national_prefix == "0":
            rest = international[len(str(calling_code)) + 2 :]
            others.append(("zero", f"+{calling_code} (0){rest}"))
    else:
        others.append(("script", other_script(international, rng)))
    written.append(rng.choice(others))
    return written


def damaged(national, rng):
    """(how, digits) for two damaged copies of a national significant number."""
    ways = ["short", "long", "first", "second"] if len(national) > 2 else ["long", "first"]
    out = []
    for how in rng.sample(ways, 2):
        if how == "short":
            out.append((how, national[:-1]))
        elif how == "long":
            out.append((how, national + rng.choice(digit_patterns.DIGITS)))
        else:
            at = 0 if how == "first" else 1
            other = rng.choice([d for d in digit_patterns.DIGITS if d != national[at]])
            out.append((how, national[:at] + other + national[at + 1 :]))
    return out


def region_lines(calling_code, region, seed):
    meta = metadata(calling_code, region)
    rng = random.Random(f"{seed}/{region}/{calling_code}")
    parse_region = None if region == NON_GEOGRAPHIC else region
    lines = []

    def add(case, text):
        valid, e164 = verdict(text, parse_region)
        # One array a line, [region, text, valid, e164, case] (null region: no country; null e164: invalid),
        # so the committed file stays small: the keys of an object repeated 11,000 times were a third of it.
        entry = [parse_region, text, valid, e164 if valid else None, case]
        lines.append(json.dumps(entry, ensure_ascii=True, separators=(",", ":")))

    for kind, desc in kinds_of(meta):
        numbers = []
        if desc.example_number:
            numbers.append(("example", desc.example_number))
        drawn = random_number(desc, rng)
        if drawn is not None:
            numbers.append(("random", drawn))
        for origin, national in numbers:
            for form, text in forms(calling_code, region, meta, national, rng):
                add(f"{kind} {origin} {form}", text)
            for how, digits in damaged(national, rng):
                form, text = rng.choice(forms(calling_code, region, meta, digits, rng)[:2])
                add(f"{kind} {origin} {how} {form}", text)
    return lines


def generate(seed):
    header = {"phonenumbers": phonenumbers.__version__, "seed": seed, "writer": "scripts/phones/make-corpus.py"}
    lines = [json.dumps(header, separators=(",", ":"))]
    for calling_code, region in regions():
        lines += region_lines(calling_code, region, seed)
    return "\n".join(lines) + "\n"


def main(arguments):
    seed, check, paths = 1, False, []
    items = iter(arguments)
    for item in items:
        if item == "--seed":
            seed = int(next(items))
        elif item == "--check":
            check = True
        else:
            paths.append(item)
    output = paths[0] if paths else DEFAULT_OUTPUT
    text = generate(seed)
    if check:
        current = open(output, encoding="utf-8").read() if os.path.exists(output) else None
        if current != text:
            sys.exit(f"{os.path.relpath(output)} is not what phonenumbers {phonenumbers.__version__} gives with seed {seed}")
        return
    with open(output, "w", encoding="ascii", newline="\n") as file:
        file.write(text)
    print(f"wrote {os.path.relpath(output)}: {text.count(chr(10)) - 1} numbers, phonenumbers {phonenumbers.__version__}, seed {seed}")


if __name__ == "__main__":
    main(sys.argv[1:])
