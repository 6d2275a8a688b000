import pytest

from thirdsector.register.orgid import InvalidOrgId, parse_org_id

GOOD = [
    ("GB-CHC-1123456", None, "GB-CHC-1123456"),
    ("1123456", "GB-CHC", "GB-CHC-1123456"),
    (" gb-chc-1123456 ", None, "GB-CHC-1123456"),
    ("GB-CHC-212345", None, "GB-CHC-212345"),
    ("GB-SC-SC012345", None, "GB-SC-SC012345"),
    ("sc012345", "GB-SC", "GB-SC-SC012345"),
    ("GB-NIC-104226", None, "GB-NIC-104226"),
    ("GB-COH-01234567", None, "GB-COH-01234567"),
    ("1234567", "GB-COH", "GB-COH-01234567"),
    ("GB-COH-SC123456", None, "GB-COH-SC123456"),
    ("GB-COH-oc301234", None, "GB-COH-OC301234"),
    ("GB-MPR-30283R", None, "GB-MPR-30283R"),
    ("GB-MPR-4567", None, "GB-MPR-4567"),
    ("GB-LAE-BIR", None, "GB-LAE-BIR"),
    ("GB-LAS-GLG", None, "GB-LAS-GLG"),
    ("GB-PLA-CRF", None, "GB-PLA-CRF"),
    ("GB-LANI-BFS", None, "GB-LANI-BFS"),
    ("GB-GOR-D4", None, "GB-GOR-D4"),
    ("GB-GOR-EA123", None, "GB-GOR-EA123"),
    ("GB-EDU-100000", None, "GB-EDU-100000"),
    ("360G-thirdsector-ORG-000123", None, "360G-THIRDSECTOR-ORG-000123"),
    ("XI-PB-12345", None, "XI-PB-12345"),
]

BAD = [
    ("GB-CHC-12345", "GB-CHC", "6 or 7 digits"),
    ("GB-CHC-12345678", "GB-CHC", "6 or 7 digits"),
    ("GB-CHC-11234X6", "GB-CHC", "6 or 7 digits"),
    ("GB-SC-012345", "GB-SC", "SC followed by 6 digits"),
    ("GB-NIC-204226", "GB-NIC", "100000 to 199999"),
    ("GB-COH-ZZ123456", "GB-COH", "8 characters"),
    ("GB-COH-123456789", "GB-COH", "8 characters"),
    ("GB-MPR-ABC", "GB-MPR", "digits"),
    ("GB-LAE-BIRM", "GB-LAE", "3-letter"),
    ("GB-LAS-G1G", "GB-LAS", "3-letter"),
    ("GB-PLA-CR", "GB-PLA", "3-letter"),
    ("GB-LANI-12", "GB-LANI", "3-letter"),
    ("GB-GOR-4D", "GB-GOR", "letters then digits"),
    ("GB-EDU-10000", "GB-EDU", "6 digits"),
    ("XI-PB-12 345", "XI", "no spaces"),
]


@pytest.mark.parametrize(("text", "scheme", "expected"), GOOD)
def test_good_identifiers_are_normalised(text, scheme, expected):
    assert str(parse_org_id(text, scheme=scheme)) == expected


@pytest.mark.parametrize(("text", "scheme", "shape"), BAD)
def test_bad_identifiers_name_the_scheme_and_its_shape(text, scheme, shape):
    with pytest.raises(InvalidOrgId) as error:
        parse_org_id(text)
    assert scheme in str(error.value)
    assert shape in str(error.value)


def test_a_bare_number_needs_a_scheme():
    with pytest.raises(InvalidOrgId, match="with its scheme"):
        parse_org_id("1123456")


def test_an_empty_identifier_is_refused():
    with pytest.raises(InvalidOrgId, match="Enter an identifier"):
        parse_org_id("  ")
