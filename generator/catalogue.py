"""ServiceStack's built-in DTOs and interfaces, as the reference documents them.

Pages reference these types without defining them (``ResponseStatus``), or define
them in a language that loses .NET names (Python ``access_token``). The catalogue is
the authority for their members, .NET names and ``DataMember`` order; all live in the
``http://schemas.servicestack.net/types`` DataContract namespace. Generic built-ins carry
their parameters (``QueryResponse<T>``) and the ``IReturn`` their subclasses inherit
(``QueryDb<T>`` → ``QueryResponse<T>``); a name with two arities has one IR name per arity
(:data:`ARITY_NAMES`).
"""

from __future__ import annotations

from dataclasses import dataclass

NS_SERVICESTACK = "http://schemas.servicestack.net/types"
NS_DATACONTRACT = "http://schemas.datacontract.org/2004/07/"


@dataclass(frozen=True, slots=True)
class BuiltinType:
    """A built-in DTO: members as (.NET name, C# type text) in DataMember order.

    ``name`` is the IR name; ``xml_name`` the DataContract name when it differs (the
    two-parameter ``QueryDb<From, Into>`` is ``QueryDb2`` in the IR, ``QueryDb`` on the wire).
    """

    name: str
    members: tuple[tuple[str, str], ...]
    base: str | None = None
    interfaces: tuple[str, ...] = ()
    generic_params: tuple[str, ...] = ()
    xml_name: str | None = None


_META = ("Meta", "Dictionary<string, string>")
_STATUS = ("ResponseStatus", "ResponseStatus")

BUILTIN_TYPES: dict[str, BuiltinType] = {
    t.name: t
    for t in (
        BuiltinType(
            "ResponseStatus",
            (
                ("ErrorCode", "string"),
                ("Message", "string"),
                ("StackTrace", "string"),
                ("Errors", "List<ResponseError>"),
                _META,
            ),
            interfaces=("IMeta",),
        ),
        BuiltinType(
            "ResponseError",
            (("ErrorCode", "string"), ("FieldName", "string"), ("Message", "string"), _META),
            interfaces=("IMeta",),
        ),
        BuiltinType("EmptyResponse", (_STATUS,)),
        BuiltinType("ErrorResponse", (_STATUS,)),
        BuiltinType("IdResponse", (("Id", "string"), _STATUS)),
        BuiltinType("StringResponse", (("Result", "string"), _META, _STATUS)),
        BuiltinType("StringsResponse", (("Results", "List<string>"), _META, _STATUS)),
        BuiltinType("IntResponse", (("Result", "int"), _META, _STATUS)),
        BuiltinType("BoolResponse", (("Result", "bool"), _META, _STATUS)),
        BuiltinType(
            "GetAccessToken",
            (("RefreshToken", "string"), _META),
            interfaces=("IPost", "IReturn<GetAccessTokenResponse>", "IMeta"),
        ),
        BuiltinType(
            "GetAccessTokenResponse",
            (("AccessToken", "string"), _META, _STATUS),
            interfaces=("IMeta", "IHasResponseStatus"),
        ),
        BuiltinType(
            "Authenticate",
            (
                ("provider", "string"),
                ("UserName", "string"),
                ("Password", "string"),
                ("RememberMe", "bool?"),
                ("AccessToken", "string"),
                ("AccessTokenSecret", "string"),
                ("ReturnUrl", "string"),
                ("ErrorView", "string"),
                _META,
            ),
            interfaces=("IPost", "IReturn<AuthenticateResponse>", "IMeta"),
        ),
        BuiltinType(
            "AuthenticateResponse",
            (
                ("UserId", "string"),
                ("SessionId", "string"),
                ("UserName", "string"),
                ("DisplayName", "string"),
                ("ReferrerUrl", "string"),
                ("BearerToken", "string"),
                ("RefreshToken", "string"),
                ("RefreshTokenExpiry", "DateTime?"),
                ("ProfileUrl", "string"),
                ("Roles", "List<string>"),
                ("Permissions", "List<string>"),
                ("AuthProvider", "string"),
                _STATUS,
                _META,
            ),
            interfaces=("IMeta", "IHasResponseStatus"),
        ),
        BuiltinType(
            "QueryBase",
            (
                ("Skip", "int?"),
                ("Take", "int?"),
                ("OrderBy", "string"),
                ("OrderByDesc", "string"),
                ("Include", "string"),
                ("Fields", "string"),
                _META,
            ),
            interfaces=("IQuery", "IMeta"),
        ),
        BuiltinType(
            "QueryDb",
            (),
            base="QueryBase",
            interfaces=("IQueryDb", "IReturn<QueryResponse<T>>"),
            generic_params=("T",),
        ),
        BuiltinType(
            "QueryDb2",
            (),
            base="QueryBase",
            interfaces=("IQueryDb", "IReturn<QueryResponse<Into>>"),
            generic_params=("From", "Into"),
            xml_name="QueryDb",
        ),
        BuiltinType(
            "QueryData",
            (),
            base="QueryBase",
            interfaces=("IQueryData", "IReturn<QueryResponse<T>>"),
            generic_params=("T",),
        ),
        BuiltinType(
            "QueryData2",
            (),
            base="QueryBase",
            interfaces=("IQueryData", "IReturn<QueryResponse<Into>>"),
            generic_params=("From", "Into"),
            xml_name="QueryData",
        ),
        BuiltinType(
            "QueryResponse",
            (
                ("Offset", "int"),
                ("Total", "int"),
                ("Results", "List<T>"),
                _META,
                _STATUS,
            ),
            interfaces=("IHasResponseStatus", "IMeta"),
            generic_params=("T",),
        ),
        BuiltinType(
            "AuditBase",
            (
                ("CreatedDate", "DateTime"),
                ("CreatedBy", "string"),
                ("ModifiedDate", "DateTime"),
                ("ModifiedBy", "string"),
                ("DeletedDate", "DateTime?"),
                ("DeletedBy", "string"),
            ),
        ),
    )
}

#: Interfaces that carry no members (routing/verb/return markers).
MARKER_INTERFACES: frozenset[str] = frozenset(
    {
        "IReturn",
        "IReturnVoid",
        "IVerb",
        "IGet",
        "IPost",
        "IPut",
        "IDelete",
        "IPatch",
        "IOptions",
        "IStream",
        "ICrud",
        "ICreateDb",
        "IUpdateDb",
        "IPatchDb",
        "IDeleteDb",
        "ISaveDb",
        "IQueryDb",
        "IQueryData",
    }
)

#: Generic built-ins documented with several arities: (name, argument count) → IR name.
ARITY_NAMES: dict[tuple[str, int], str] = {
    ("QueryDb", 2): "QueryDb2",
    ("QueryData", 2): "QueryData2",
}

#: Interfaces that declare members a class must carry (IMeta → Meta).
MEMBER_INTERFACES: dict[str, tuple[tuple[str, str], ...]] = {
    "IMeta": (_META,),
    "IHasSessionId": (("SessionId", "string"),),
    "IHasBearerToken": (("BearerToken", "string"),),
    "IHasRefreshToken": (("RefreshToken", "string"),),
    "IHasRefreshTokenExpiry": (("RefreshTokenExpiry", "DateTime?"),),
    "IHasVersion": (("Version", "int"),),
    "IHasQueryParams": (("QueryParams", "Dictionary<string, string>"),),
    "IHasResponseStatus": (_STATUS,),
    "IQuery": (
        ("Skip", "int?"),
        ("Take", "int?"),
        ("OrderBy", "string"),
        ("OrderByDesc", "string"),
        ("Include", "string"),
        ("Fields", "string"),
        _META,
    ),
}


def datacontract_namespace(clr_namespace: str | None) -> str | None:
    """The default DataContract namespace for a CLR namespace (``ServiceStack*`` → types)."""
    if clr_namespace is None:
        return None
    if clr_namespace == "ServiceStack" or clr_namespace.startswith("ServiceStack."):
        return NS_SERVICESTACK
    return NS_DATACONTRACT + clr_namespace
