"""The type map: DataContract names (generic digests), annotations, defaults, codec expressions."""

from __future__ import annotations

import pytest

from generator.typemap import (
    NS_ARRAYS,
    NS_SCG,
    NS_SERIALIZATION,
    NS_SYSTEM,
    NS_XSD,
    TypeCtx,
    TypeMapError,
    _digest,
    annotation,
    contract,
    default,
    is_simple,
    json_decode,
    json_encode,
    jsv_decode,
    jsv_encode,
    key_decode,
    key_encode,
    kv_item_name,
    needs_xml_decl,
    substitute,
    xml_read,
    xml_text,
)
from generator.typeref import TypeRef, parse_type

TEST_NS = "http://schemas.datacontract.org/2004/07/Test.ServiceModel"
TYPES_NS = "http://schemas.datacontract.org/2004/07/Test.ServiceModel.Types"
SS_NS = "http://schemas.servicestack.net/types"


def ctx() -> TypeCtx:
    return TypeCtx(
        classes={"Item": "Item", "SubType": "SubType", "QueryResponseAlt": "QueryResponseAlt"},
        enums={"Color": "Color", "Days": "Days"},
        enum_defaults={"Color": "Color.RED", "Days": "Days.NONE"},
        xml_ns={
            "Item": TEST_NS,
            "SubType": TYPES_NS,
            "QueryResponseAlt": SS_NS,
            "Color": TEST_NS,
            "Days": TEST_NS,
        },
        flags={"Days": "_FLAGS_Days"},
        closed={"QueryResponseAlt<Item>": "QueryResponseAltOfItem"},
        typevars={"T": "T"},
    )


def t(text: str) -> TypeRef:
    return parse_type(text, "csharp")


# --- the three worked examples of reference §3.2 ------------------------------------------------


def test_digest_of_the_reference_worked_examples() -> None:
    assert _digest([TEST_NS]) == "p_S_PBaRK1"
    assert _digest([NS_XSD, TYPES_NS]) == "SxVl28_Sd"
    assert _digest([NS_XSD, NS_ARRAYS]) == "ty7Ep6D1"


def test_generic_contract_names_of_the_reference_worked_examples() -> None:
    c = ctx()
    assert contract(t("QueryResponseAlt<Item>"), c) == ("QueryResponseAltOfItemp_S_PBaRK1", SS_NS)
    assert kv_item_name(t("Dictionary<string, SubType>"), c) == "KeyValueOfstringSubTypeSxVl28_Sd"
    assert kv_item_name(t("Dictionary<string, List<string>>"), c) == (
        "KeyValueOfstringArrayOfstringty7Ep6D1"
    )


@pytest.mark.parametrize(
    ("text", "name", "ns"),
    [
        ("string", "string", NS_XSD),
        ("Guid", "guid", NS_SERIALIZATION),
        ("char", "char", NS_SERIALIZATION),
        ("TimeSpan", "duration", NS_SERIALIZATION),
        ("DateTimeOffset", "DateTimeOffset", NS_SYSTEM),
        ("byte[]", "base64Binary", NS_XSD),
        ("List<string>", "ArrayOfstring", NS_ARRAYS),
        ("int[]", "ArrayOfint", NS_ARRAYS),
        ("List<Item>", "ArrayOfItem", TEST_NS),
        ("List<List<int>>", "ArrayOfArrayOfint", NS_ARRAYS),
        ("List<int?>", "ArrayOfint", NS_SYSTEM),
        ("List<DateTimeOffset>", "ArrayOfDateTimeOffset", NS_SYSTEM),
        ("Dictionary<string, string>", "ArrayOfKeyValueOfstringstring", NS_ARRAYS),
        ("Dictionary<int, string>", "ArrayOfKeyValueOfintstring", NS_ARRAYS),
        ("Dictionary<Guid, decimal>", "ArrayOfKeyValueOfguiddecimal", NS_ARRAYS),
        ("KeyValuePair<string, string>", "KeyValuePairOfstringstring", NS_SCG),
        ("List<Color>", "ArrayOfColor", TEST_NS),
    ],
)
def test_contract_names_and_namespaces(text: str, name: str, ns: str) -> None:
    assert contract(t(text), ctx()) == (name, ns)


def test_a_contract_name_override_is_used_in_generic_names() -> None:
    c = ctx()
    c.contract_names["Item"] = "Line"
    assert contract(t("List<Item>"), c) == ("ArrayOfLine", TEST_NS)
    assert contract(t("QueryResponseAlt<Item>"), c)[0] == "QueryResponseAltOfLine" + _digest(
        [TEST_NS]
    )


# --- annotations and defaults -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "value"),
    [
        ("string", "str | None", "None"),
        ("char", "str", '"\\x00"'),
        ("int", "int", "0"),
        ("ulong", "int", "0"),
        ("int?", "int | None", "None"),
        ("decimal", "_decimal.Decimal", "_decimal.Decimal(0)"),
        ("DateTime", "_dt.datetime", "_dt.datetime(1, 1, 1)"),
        ("DateTimeOffset", "_dt.datetime", "_dt.datetime(1, 1, 1, tzinfo=_dt.timezone.utc)"),
        ("TimeSpan", "_dt.timedelta", "_dt.timedelta(0)"),
        ("Guid", "_uuid.UUID", "_uuid.UUID(int=0)"),
        ("byte[]", "bytes | None", "None"),
        ("object", "_t.Any", "None"),
        ("Color", "Color", "Color.RED"),
        ("Days?", "Days | None", "None"),
        ("List<List<int>>", "list[list[int]] | None", "None"),
        ("Dictionary<Guid, Item>", "dict[_uuid.UUID, Item] | None", "None"),
        ("KeyValuePair<string, int>", "tuple[str, int] | None", "None"),
        ("QueryResponseAlt<Item>", "QueryResponseAltOfItem | None", "None"),
        ("QueryResponseAlt<T>", "QueryResponseAlt[T] | None", "None"),
        ("List<T>", "list[T] | None", "None"),
    ],
)
def test_annotation_and_default(text: str, expected: str, value: str) -> None:
    assert annotation(t(text), ctx()) == expected
    assert default(t(text), ctx()) == value


def test_substitute_binds_generic_parameters_everywhere() -> None:
    bound = substitute(t("Dictionary<string, List<T?>>"), {"T": t("int")})
    assert str(bound) == "Dictionary<string, List<int?>>"
    assert substitute(t("T"), {"T": t("Item")}) == t("Item")


# --- codec expressions --------------------------------------------------------------------------


def test_integer_widths_are_range_checked_in_every_format() -> None:
    c = ctx()
    assert json_decode(t("ushort"), "v", c, '"n"') == '_rt.j_UInt16(v, path, "n")'
    assert jsv_decode(t("sbyte"), "v", c, '"n"') == '_tx.v_SByte(v, path, "n")'
    assert xml_read(t("ulong"), "child", c) == "_rt.x_UInt64(child, path)"


def test_char_uses_the_character_checkers() -> None:
    c = ctx()
    assert json_decode(t("char"), "v", c, '"c"') == '_rt.j_char(v, path, "c")'
    assert jsv_encode(t("char"), "x", c) == "_tx.jsv_char(x)"
    assert xml_text(t("char"), "x", c) == "_rt.x_char_text(x)"


def test_flags_enums_are_numbers_in_json_and_names_in_xml() -> None:
    c = ctx()
    assert json_encode(t("Days"), "x", c) == "x.value"
    assert json_decode(t("Days"), "v", c, '"d"') == '_rt.j_flags(Days, v, path, "d")'
    assert xml_text(t("Days"), "x", c) == "_rt.flags_text(x, _FLAGS_Days)"
    assert xml_read(t("Days"), "el", c) == "_rt.x_flags(Days, _FLAGS_Days, el, path)"
    assert jsv_decode(t("Color"), "v", c, '"c"') == '_tx.v_enum(Color, v, path, "c")'


def test_closed_generics_use_their_generated_class() -> None:
    c = ctx()
    closed = t("QueryResponseAlt<Item>")
    assert json_decode(closed, "v", c, '"r"') == (
        'QueryResponseAltOfItem.from_dict(v, _rt.at(path, "r"))'
    )
    assert jsv_decode(closed, "v", c, '"r"') == (
        'QueryResponseAltOfItem._from_jsv(v, _rt.at(path, "r"))'
    )


def test_guid_dictionary_keys_are_n_format_in_json() -> None:
    c = ctx()
    assert key_encode(t("Guid"), "k", c, "json") == "k.hex"
    assert key_encode(t("Guid"), "k", c, "jsv") == "_tx.jsv_guid(k)"
    assert key_decode(t("Guid"), "k", c) == "_tx.v_guid(k, path, k)"
    assert key_decode(t("string"), "k", c) == "k"


def test_unsupported_dictionary_keys_are_refused() -> None:
    with pytest.raises(TypeMapError, match="cannot be a dictionary key"):
        key_encode(t("Item"), "k", ctx(), "json")
    with pytest.raises(TypeMapError):
        key_encode(t("DateTimeOffset"), "k", ctx(), "json")


def test_datetimeoffset_is_a_complex_xml_element_in_the_system_namespace() -> None:
    c = ctx()
    assert not is_simple(t("DateTimeOffset"), c)
    assert needs_xml_decl(t("DateTimeOffset"), TEST_NS, c) == NS_SYSTEM
    assert xml_read(t("DateTimeOffset"), "el", c) == "_rt.x_datetimeoffset(el, path)"
    assert needs_xml_decl(t("KeyValuePair<string, int>"), TEST_NS, c) == NS_SCG
    assert needs_xml_decl(t("List<Item>"), TEST_NS, c) is None
    assert needs_xml_decl(t("Color"), SS_NS, c) is None
