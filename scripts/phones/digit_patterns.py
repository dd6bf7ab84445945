"""What libphonenumber's national-number patterns say, read from the patterns themselves.

The patterns are regular expressions over digits built from literals, digit classes,
alternation and bounded repetition (checked: anything else raises). Two things are read from
them without enumerating every number:

- `prefix_lengths`: which lengths the numbers starting with each prefix of up to `depth`
  digits have, for the normaliser's messages ("GB numbers starting 7 have 10");
- `sample`: a random number the pattern matches, for the corpus.
"""

import re
from re import _parser as sre

DIGITS = "0123456789"
MAX_LENGTH = 17  # libphonenumber's longest national significant number


def parse(pattern):
    return sre.parse(pattern)


def _digit_class(items):
    digits = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            digits.add(chr(av))
        elif name == "RANGE":
            digits.update(chr(c) for c in range(av[0], av[1] + 1))
        elif name == "CATEGORY" and str(av) == "CATEGORY_DIGIT":
            digits.update(DIGITS)
        else:
            raise ValueError(f"unsupported class item {name} {av}")
    return sorted(d for d in digits if d in DIGITS)


def _repeat_bounds(av):
    low, high = av[0], av[1]
    if high is sre.MAXREPEAT:
        high = MAX_LENGTH
    return low, min(high, MAX_LENGTH)


class Summary:
    """A language cut down to (first `depth` digits, length) pairs."""

    def __init__(self, depth, pairs):
        self.depth = depth
        self.pairs = pairs

    @classmethod
    def empty_string(cls, depth):
        return cls(depth, {("", 0)})

    def then(self, other):
        pairs = set()
        other_lengths = {length for _, length in other.pairs}
        for prefix, length in self.pairs:
            if len(prefix) < self.depth and len(prefix) == length:
                for tail, tail_length in other.pairs:
                    total = length + tail_length
                    if total <= MAX_LENGTH:
                        pairs.add(((prefix + tail)[: self.depth], total))
            else:
                for tail_length in other_lengths:
                    if length + tail_length <= MAX_LENGTH:
                        pairs.add((prefix, length + tail_length))
        return Summary(self.depth, pairs)

    def union(self, other):
        return Summary(self.depth, self.pairs | other.pairs)


def summarize(tree, depth):
    result = Summary.empty_string(depth)
    for op, av in tree:
        result = result.then(_summarize_item(op, av, depth))
    return result


def _summarize_item(op, av, depth):
    name = str(op)
    if name == "LITERAL":
        return Summary(depth, {(chr(av)[:depth], 1)})
    if name == "IN":
        return Summary(depth, {(d[:depth], 1) for d in _digit_class(av)})
    if name == "CATEGORY" and str(av) == "CATEGORY_DIGIT":
        return Summary(depth, {(d[:depth], 1) for d in DIGITS})
    if name == "BRANCH":
        result = Summary(depth, set())
        for branch in av[1]:
            result = result.union(summarize(branch, depth))
        return result
    if name == "SUBPATTERN":
        return summarize(av[3], depth)
    if name in ("MAX_REPEAT", "MIN_REPEAT"):
        low, high = _repeat_bounds(av)
        body = summarize(av[2], depth)
        result = Summary(depth, set())
        current = Summary.empty_string(depth)
        for count in range(high + 1):
            if count >= low:
                result = result.union(current)
            current = current.then(body)
            if not current.pairs:
                break
        return result
    raise ValueError(f"unsupported pattern element {name} {av}")


def prefix_lengths(pattern, allowed_lengths, depth):
    """{prefix: sorted lengths} for every prefix of 0..depth digits of the numbers `pattern`
    matches whose length is in `allowed_lengths` (all lengths when empty)."""
    pairs = summarize(parse(pattern), depth).pairs
    table = {}
    for prefix, length in pairs:
        if allowed_lengths and length not in allowed_lengths:
            continue
        for cut in range(0, min(depth, len(prefix)) + 1):
            table.setdefault(prefix[:cut], set()).add(length)
    return {prefix: sorted(lengths) for prefix, lengths in table.items()}


def sample(pattern, rng):
    """A random string `pattern` matches (checked by the caller)."""
    return "".join(_sample_tree(parse(pattern), rng))


def _sample_tree(tree, rng):
    out = []
    for op, av in tree:
        out.extend(_sample_item(op, av, rng))
    return out


def _sample_item(op, av, rng):
    name = str(op)
    if name == "LITERAL":
        return [chr(av)]
    if name == "IN":
        return [rng.choice(_digit_class(av))]
    if name == "CATEGORY":
        return [rng.choice(DIGITS)]
    if name == "BRANCH":
        return _sample_tree(rng.choice(av[1]), rng)
    if name == "SUBPATTERN":
        return _sample_tree(av[3], rng)
    if name in ("MAX_REPEAT", "MIN_REPEAT"):
        low, high = _repeat_bounds(av)
        out = []
        for _ in range(rng.randint(low, high)):
            out.extend(_sample_tree(av[2], rng))
        return out
    raise ValueError(f"unsupported pattern element {name} {av}")


def fullmatch(pattern, digits):
    return re.fullmatch(pattern, digits) is not None


def strings(pattern, limit):
    """Every string `pattern` matches, shortest first, or `None` when there are more than
    `limit` (or infinitely many)."""
    found = _strings_tree(parse(pattern), limit)
    if found is None:
        return None
    return sorted(found, key=lambda s: (len(s), s))


def _strings_tree(tree, limit):
    result = {""}
    for op, av in tree:
        item = _strings_item(op, av, limit)
        if item is None:
            return None
        result = {a + b for a in result for b in item}
        if len(result) > limit:
            return None
    return result


def _strings_item(op, av, limit):
    name = str(op)
    if name == "LITERAL":
        return {chr(av)}
    if name == "IN":
        return set(_digit_class(av))
    if name == "CATEGORY":
        return set(DIGITS)
    if name == "BRANCH":
        result = set()
        for branch in av[1]:
            found = _strings_tree(branch, limit)
            if found is None:
                return None
            result |= found
        return result if len(result) <= limit else None
    if name == "SUBPATTERN":
        return _strings_tree(av[3], limit)
    if name in ("MAX_REPEAT", "MIN_REPEAT"):
        if av[1] is sre.MAXREPEAT:
            return None
        body = _strings_tree(av[2], limit)
        if body is None:
            return None
        result, current = set(), {""}
        for count in range(av[1] + 1):
            if count >= av[0]:
                result |= current
            current = {a + b for a in current for b in body}
            if len(result) > limit or len(current) > limit:
                return None
        return result
    return None
