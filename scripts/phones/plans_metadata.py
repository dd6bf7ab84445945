"""libphonenumber's metadata as PyPI's `phonenumbers` holds it, read the same way by
generate-plans.py (the normaliser's table) and make-corpus.py (the numbers it is tested on)."""

from phonenumbers import PhoneMetadata
from phonenumbers.data import _COUNTRY_CODE_TO_REGION_CODE

import digit_patterns

NON_GEOGRAPHIC = "001"

# libphonenumber's number types, as PhoneNumberPlan.Kind names them. Fixed lines and mobiles
# come first: most numbers are one or the other, and the first match ends the search.
KINDS = [
    ("fixed_line", "fixedLine"),
    ("mobile", "mobile"),
    ("toll_free", "tollFree"),
    ("premium_rate", "premiumRate"),
    ("shared_cost", "sharedCost"),
    ("personal_number", "personalNumber"),
    ("voip", "voip"),
    ("pager", "pager"),
    ("uan", "uan"),
    ("voicemail", "voicemail"),
]


def regions():
    """(calling code, region) for every region, by calling code, each code's main region
    first; NON_GEOGRAPHIC for the numbers of no country."""
    for calling_code in sorted(_COUNTRY_CODE_TO_REGION_CODE):
        for region in _COUNTRY_CODE_TO_REGION_CODE[calling_code]:
            yield calling_code, region


def metadata(calling_code, region):
    if region == NON_GEOGRAPHIC:
        return PhoneMetadata.metadata_for_nongeo_region(calling_code)
    return PhoneMetadata.metadata_for_region(region)


def kinds_of(meta):
    """(kind, desc) for the number types the region has, as libphonenumber tries them."""
    kinds = []
    for attribute, kind in KINDS:
        # With the same pattern, libphonenumber only tries the fixed-line one.
        if kind == "mobile" and meta.same_mobile_and_fixed_line_pattern:
            continue
        desc = getattr(meta, attribute)
        if desc is None or not desc.national_number_pattern:
            continue
        kinds.append((kind, desc))
    return kinds


def international_prefixes(meta):
    """The international prefixes a message or an example may show: all of them when the
    pattern allows a few, else libphonenumber's preferred one."""
    pattern = meta.international_prefix
    if pattern is None:
        return []
    every = digit_patterns.strings(pattern, 8)
    if every is not None:
        return every
    preferred = (meta.preferred_international_prefix or "").replace("~", "")
    return [preferred] if preferred else []
