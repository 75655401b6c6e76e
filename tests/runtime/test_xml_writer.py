"""XmlWriter: byte-exact DataContractSerializer output (page samples) and namespace rules."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

import pytest

rt: Any = sys.modules["_runtime"]

SS = "http://schemas.servicestack.net/types"
AR = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
NAV = "http://schemas.datacontract.org/2004/07/NAV.ServiceModel"
AMS = "http://schemas.datacontract.org/2004/07/YM.Web.Services.Ams"
YMT = "http://schemas.datacontract.org/2004/07/YM.Toolkit"
SWAG = "http://schemas.datacontract.org/2004/07/IO.Swagger.Models"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

PageText = Callable[[str, str, str], str]


def sample(page_text: PageText, rel: str, root: str) -> str:
    return page_text(rel, f"<{root} xmlns:i=", f"</{root}>")


def write_meta(w: Any, ns: str) -> None:
    """A Dictionary<string,string> member ``Meta`` declared in namespace ``ns``."""
    w.start("Meta", ns, AR)
    w.start("KeyValueOfstringstring", AR)
    w.text("Key", AR, "String")
    w.text("Value", AR, "String")
    w.end()
    w.end()


def write_response_status_body(w: Any) -> None:
    """Children of a ServiceStack ResponseStatus (all in the servicestack namespace)."""
    for name in ("ErrorCode", "Message", "StackTrace"):
        w.text(name, SS, "String")
    w.start("Errors", SS)
    w.start("ResponseError", SS)
    for name in ("ErrorCode", "FieldName", "Message"):
        w.text(name, SS, "String")
    write_meta(w, SS)
    w.end()
    w.end()
    write_meta(w, SS)


def myapp_request(indent: bool) -> str:
    w = rt.XmlWriter(indent)
    w.start_root("GetAccessToken", SS)
    w.text("RefreshToken", SS, "String")
    write_meta(w, SS)
    w.end()
    out: str = w.getvalue()
    return out


def myapp_response(indent: bool) -> str:
    w = rt.XmlWriter(indent)
    w.start_root("GetAccessTokenResponse", SS)
    w.text("AccessToken", SS, "String")
    write_meta(w, SS)
    w.start("ResponseStatus", SS, SS)  # same namespace: nothing to declare
    write_response_status_body(w)
    w.end()
    w.end()
    out: str = w.getvalue()
    return out


def nav_response(indent: bool) -> str:
    w = rt.XmlWriter(indent)
    w.start_root("AuthenticationClientCredentialsTokenCreateResponse", NAV)
    w.text("AccessToken", NAV, "String")
    w.start("ResponseStatus", NAV, SS)
    write_response_status_body(w)
    w.end()
    w.end()
    out: str = w.getvalue()
    return out


def ym_document(root: str, tail: list[tuple[str, str]], indent: bool = True) -> str:
    w = rt.XmlWriter(indent)
    w.start_root(root, AMS)
    w.text("BypassCache", YMT, rt.x_bool_text(False))
    w.text("ClientID", YMT, str(0))
    w.text("Device", YMT, "Desktop")
    w.start("ResponseStatus", YMT, SS)
    write_response_status_body(w)
    w.end()
    for name, value in tail:
        w.text(name, AMS, value)
    w.end()
    out: str = w.getvalue()
    return out


YM_REQUEST_TAIL = [
    ("client_id", "String"),
    ("client_secret", "String"),
    ("code", "String"),
    ("grant_type", "authorization_code"),
    ("redirect_uri", "String"),
    ("refresh_token", "String"),
    ("scope", "String"),
]
YM_RESPONSE_TAIL = [
    ("access_token", "String"),
    ("expires_in", "0"),
    ("id_token", "String"),
    ("refresh_token", "String"),
    ("token_type", "String"),
]


def test_myapp_request_matches_page(page_text: PageText) -> None:
    assert myapp_request(True) == sample(page_text, "myapp/GetAccessToken.txt", "GetAccessToken")


def test_myapp_response_matches_page(page_text: PageText) -> None:
    expected = sample(page_text, "myapp/GetAccessToken.txt", "GetAccessTokenResponse")
    assert myapp_response(True) == expected


def test_nav_request_matches_page(page_text: PageText) -> None:
    w = rt.XmlWriter(True)
    w.start_root("AuthenticationClientCredentialsTokenCreate", NAV)
    w.text("ClientId", NAV, "String")
    w.text("ClientSecret", NAV, "String")
    w.end()
    rel = "nav/AuthenticationClientCredentialsTokenCreate.txt"
    assert w.getvalue() == sample(page_text, rel, "AuthenticationClientCredentialsTokenCreate")


def test_nav_response_matches_page(page_text: PageText) -> None:
    rel = "nav/AuthenticationClientCredentialsTokenCreate.txt"
    expected = sample(page_text, rel, "AuthenticationClientCredentialsTokenCreateResponse")
    assert nav_response(True) == expected


def test_ym_request_matches_page(page_text: PageText) -> None:
    expected = sample(page_text, "ym_rest/OIDCGetAccessToken.txt", "OIDCGetAccessToken")
    assert ym_document("OIDCGetAccessToken", YM_REQUEST_TAIL) == expected


def test_ym_response_matches_page(page_text: PageText) -> None:
    rel = "ym_rest/OIDCGetAccessToken.txt"
    expected = sample(page_text, rel, "OIDCGetAccessTokenResponse")
    assert ym_document("OIDCGetAccessTokenResponse", YM_RESPONSE_TAIL) == expected


def test_webapi_samples_compact(page_text: PageText) -> None:
    rel = "webapi_auth/POST-api-v1-auth-token.txt"
    w = rt.XmlWriter()
    w.start_root("TokenRequest", SWAG)
    w.text("WindowsAuthentication", SWAG, rt.x_bool_text(True))
    for i, name in [(2, "client_id"), (3, "client_secret"), (7, "grant_type"), (6, "password")]:
        w.text(name, SWAG, f"sample string {i}")
    for i, name in [(8, "refresh_token"), (4, "scope"), (5, "username")]:
        w.text(name, SWAG, f"sample string {i}")
    w.end()
    # The page renders the indented document with whitespace collapsed to single spaces.
    assert w.getvalue() == re.sub(r">\s+<", "><", sample(page_text, rel, "TokenRequest"))


def test_compact_mode_has_no_whitespace(page_text: PageText) -> None:
    expected = sample(page_text, "myapp/GetAccessToken.txt", "GetAccessTokenResponse")
    compact = myapp_response(False)
    assert compact == re.sub(r">\s+<", "><", expected)
    assert "\n" not in compact
    assert compact.startswith(
        '<GetAccessTokenResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns="http://schemas.servicestack.net/types"><AccessToken>String</AccessToken>'
        '<Meta xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">'
    )
    assert nav_response(False) == re.sub(r">\s+<", "><", nav_response(True))


# --- namespace rules in isolation ------------------------------------------------------------

ROOT_OPEN = f'<R xmlns:i="{XSI}" xmlns="urn:a">'


def doc(build: Callable[[Any], None], indent: bool = False) -> str:
    w = rt.XmlWriter(indent)
    w.start_root("R", "urn:a")
    build(w)
    w.end()
    out: str = w.getvalue()
    return out


def test_foreign_namespace_element_becomes_default_for_its_subtree() -> None:
    def build(w: Any) -> None:
        w.start("A", "urn:b")
        w.text("B", "urn:b", "1")
        w.text("C", "urn:a", "2")
        w.end()
        w.text("D", "urn:a", "3")

    assert doc(build) == (
        ROOT_OPEN + '<A xmlns="urn:b"><B>1</B><C xmlns="urn:a">2</C></A><D>3</D></R>'
    )


def test_declared_prefix_is_reused_below_and_dropped_after_end() -> None:
    def build(w: Any) -> None:
        w.start("A", "urn:a", "urn:b")
        w.text("B", "urn:b", "1")
        w.start("C", "urn:b", "urn:b")  # bound prefix: no new declaration
        w.nil("D", "urn:b")
        w.end()
        w.end()
        w.text("E", "urn:b", "2")  # prefix out of scope again

    assert doc(build) == (
        ROOT_OPEN + '<A xmlns:d2p1="urn:b"><d2p1:B>1</d2p1:B><d2p1:C><d2p1:D i:nil="true" />'
        '</d2p1:C></A><E xmlns="urn:b">2</E></R>'
    )


def test_declaration_skipped_when_namespace_is_default() -> None:
    def build(w: Any) -> None:
        w.start("A", "urn:a", "urn:a")  # current default
        w.end()
        w.start("B", "urn:b", "urn:b")  # the element's own new default
        w.end()

    assert doc(build) == ROOT_OPEN + '<A /><B xmlns="urn:b" /></R>'


def test_prefix_declaration_precedes_default_namespace() -> None:
    def build(w: Any) -> None:
        w.start("A", "urn:b", "urn:c")
        w.text("X", "urn:c", "1")
        w.end()

    assert doc(build) == (
        ROOT_OPEN + '<A xmlns:d2p1="urn:c" xmlns="urn:b"><d2p1:X>1</d2p1:X></A></R>'
    )


def test_prefix_depth_counts_complex_elements_only() -> None:
    def build(w: Any) -> None:
        w.text("T1", "urn:a", "x")
        w.start("A", "urn:a")
        w.text("T2", "urn:a", "y")
        w.start("B", "urn:a", "urn:z")
        w.end()
        w.end()
        w.start("C", "urn:a", "urn:z")
        w.end()

    assert doc(build) == (
        ROOT_OPEN + '<T1>x</T1><A><T2>y</T2><B xmlns:d3p1="urn:z" /></A><C xmlns:d2p1="urn:z" />'
        "</R>"
    )


def test_nil_with_own_namespace_puts_xmlns_last() -> None:
    assert doc(lambda w: w.nil("N", "urn:b")) == ROOT_OPEN + '<N i:nil="true" xmlns="urn:b" /></R>'
    assert doc(lambda w: w.nil("N", "urn:a")) == ROOT_OPEN + '<N i:nil="true" /></R>'


def test_empty_string_and_empty_elements_self_close() -> None:
    def build(w: Any) -> None:
        w.text("S", "urn:a", "")
        w.start("L", "urn:a")
        w.end()

    assert doc(build) == ROOT_OPEN + "<S /><L /></R>"
    assert doc(build, indent=True) == ROOT_OPEN + "\n  <S />\n  <L />\n</R>"


def test_empty_root_and_root_without_namespace() -> None:
    w = rt.XmlWriter(True)
    w.start_root("Empty", "urn:a")
    w.end()
    assert w.getvalue() == f'<Empty xmlns:i="{XSI}" xmlns="urn:a" />'
    w = rt.XmlWriter()
    w.start_root("Plain", "")
    w.text("A", "", "1")
    w.text("B", "urn:b", "2")
    w.end()
    assert w.getvalue() == f'<Plain xmlns:i="{XSI}"><A>1</A><B xmlns="urn:b">2</B></Plain>'


def test_child_in_empty_namespace_undeclares_default() -> None:
    assert doc(lambda w: w.text("A", "", "1")) == ROOT_OPEN + '<A xmlns="">1</A></R>'


def test_text_escaping() -> None:
    built = doc(lambda w: w.text("A", "urn:a", "a&b<c>d\"e'f\r\n\tg"))
    assert built == ROOT_OPEN + "<A>a&amp;b&lt;c&gt;d\"e'f&#xD;\n\tg</A></R>"


def test_unicode_text_is_written_verbatim() -> None:
    built = doc(lambda w: w.text("A", "urn:a", "h\u00e9llo \u2713 \U0001f600 \u200b"))
    assert built == ROOT_OPEN + "<A>h\u00e9llo \u2713 \U0001f600 \u200b</A></R>"


def test_attribute_escaping() -> None:
    built = doc(lambda w: w.text("A", 'urn:x?a=1&b="2"<', "v"))
    assert built == ROOT_OPEN + '<A xmlns="urn:x?a=1&amp;b=&quot;2&quot;&lt;">v</A></R>'


@pytest.mark.parametrize("bad", ["\x00", "a\x1fb", "\ud800", "\uffff"])
def test_characters_xml_cannot_carry_are_refused(bad: str) -> None:
    w = rt.XmlWriter()
    w.start_root("R", "urn:a")
    with pytest.raises(ValueError, match=r"cannot be written to XML 1\.0"):
        w.text("A", "urn:a", bad)


def test_deep_nesting_indentation() -> None:
    w = rt.XmlWriter(True)
    w.start_root("R", "urn:a")
    for _ in range(40):
        w.start("N", "urn:a")
    w.text("Leaf", "urn:a", "x")
    for _ in range(40):
        w.end()
    w.end()
    lines = w.getvalue().split("\n")
    assert lines[40] == "  " * 40 + "<N>"
    assert lines[41] == "  " * 41 + "<Leaf>x</Leaf>"
    assert lines[42] == "  " * 40 + "</N>"
    assert lines[-1] == "</R>"
    assert len(lines) == 83


def test_misuse_raises_value_error() -> None:
    w = rt.XmlWriter()
    with pytest.raises(ValueError, match="start_root"):
        w.text("A", "urn:a", "x")
    with pytest.raises(ValueError, match="start_root"):
        w.start("A", "urn:a")
    with pytest.raises(ValueError, match="start_root"):
        w.nil("A", "urn:a")
    with pytest.raises(ValueError, match="without an open element"):
        w.end()
    w.start_root("R", "urn:a")
    w.start("A", "urn:b")
    with pytest.raises(ValueError, match="unclosed XML elements: R, A"):
        w.getvalue()
    with pytest.raises(ValueError, match="first call"):
        w.start_root("R", "urn:a")
