"""Who is who in a commune, as data: kinds of residential units and who a letter may be addressed to.

Pure (models and text only). A merged commune (2025) mixes thôn with tổ dân phố: a tổ dân phố has a
Tổ trưởng, a Ban điều hành and a chi bộ, never a Trưởng thôn or a Ban phát triển thôn, so every
form, reminder and report sentence takes the unit's titles from its kind (``SHIPPED``, overridden or
extended by the case's ``unit_kinds`` in ``case.yaml``) instead of typing "thôn".

``signer_officers`` says who speaks for the agency: a letter the agency signs is never addressed to
them (the committee does not urge itself), whatever task they hold.
"""

from __future__ import annotations

from .. import text
from .models import Case, Signer, Village, VillageKind

_RURAL = {"head": "Trưởng {n}", "board": "Ban phát triển", "party": "Chi ủy"}
_URBAN = {"head": "Trưởng {n}", "board": "Ban điều hành", "party": "Chi bộ"}


def _kind(name: str, shape: dict[str, str], head: str | None = None) -> VillageKind:
    return VillageKind(name=name, head=head or shape["head"].format(n=name), board=shape["board"],
                    party=shape["party"])


# Thông tư 04/2012/TT-BNV names the leaders (Trưởng thôn, Tổ trưởng tổ dân phố); the NTM programme
# names the Ban phát triển of rural units; a tổ dân phố's Ban điều hành is named in shared/ntm-2026.md.
SHIPPED: dict[str, VillageKind] = {k.name: k for k in (
    _kind("thôn", _RURAL), _kind("xóm", _RURAL), _kind("bản", _RURAL), _kind("ấp", _RURAL),
    _kind("buôn", _RURAL), _kind("làng", _RURAL), _kind("plei", _RURAL), _kind("sóc", _RURAL),
    _kind("tổ dân phố", _URBAN, "Tổ trưởng tổ dân phố"), _kind("khu phố", _URBAN), _kind("khối phố", _URBAN),
)}


def key(name: str) -> str:
    """How a kind is looked up: NFC, lower case, single spaces (``Tổ dân phố`` = ``tổ  dân phố``)."""
    return " ".join(text.nfc(name).lower().split())


def kinds(case: Case) -> dict[str, VillageKind]:
    """The kinds a case may use: the shipped ones, then the case's own (which win)."""
    return {**SHIPPED, **{key(k): v for k, v in case.unit_kinds.items()}}


def kind_of(case: Case, village: Village) -> VillageKind:
    """The kind of ``village``; an unknown kind (refused by ``records``) falls back to thôn."""
    return kinds(case).get(key(village.kind), SHIPPED["thôn"])


_NOUNS = sorted(SHIPPED, key=len, reverse=True)  # «tổ dân phố» before «thôn»…, longest first


NBSP = "\u00a0"  # a space no line breaks at: Word and LibreOffice both honour it


def unbroken(words: str) -> str:
    """A kind's words that must not break across lines (``khu phố`` → ``khu␣phố``)."""
    return words.replace(" ", NBSP)


def _glued(noun: str, rest: str) -> str:
    """The kind noun and the next word of the name on one line: never «khu / phố», «Ấp / 3»."""
    return unbroken(noun) + NBSP + rest.lstrip(" ") if rest.startswith(" ") else unbroken(noun) + rest


def name_in_sentence(name: str) -> str:
    """A unit's name inside a sentence, as ND30 Phụ lục II writes place names: the generic noun in
    lower case before a proper name (``Ấp Phước Hiệp`` → ``ấp Phước Hiệp``, like ``xã Giao Phong``),
    kept capitalised before a number (``Tổ dân phố 1``, like ``Phường 15``). Other names as given.

    The noun's words and the first word after it are joined by no-break spaces (``unbroken``): a
    justified line must not end in «khu» and start the next with «phố Chợ Phước Long»."""
    name = text.nfc(name)
    lowered = name.lower()
    for noun in _NOUNS:
        rest = name[len(noun):]
        if lowered.startswith(noun + " "):
            return _glued(noun if not rest.strip()[:1].isdigit() else name[:len(noun)], rest)
    return name


def kinds_present(case: Case, villages: list[Village] | None = None) -> list[VillageKind]:
    """The distinct kinds of ``villages`` (default: all the case's), in order of first appearance."""
    out: dict[str, VillageKind] = {}
    for v in case.villages if villages is None else villages:
        kind = kind_of(case, v)
        out.setdefault(kind.name, kind)
    return list(out.values()) or [SHIPPED["thôn"]]


def units_word(case: Case, villages: list[Village] | None = None) -> str:
    """The units named together in a sentence: ``thôn`` or ``thôn, tổ dân phố``."""
    return ", ".join(k.name for k in kinds_present(case, villages))


def units_in_letter(case: Case, villages: list[Village] | None = None) -> str:
    """``units_word`` for a printed letter: each kind's words kept on one line (``khu␣phố``)."""
    return ", ".join(unbroken(k.name) for k in kinds_present(case, villages))


def capital(phrase: str) -> str:
    """First letter upper case (``thôn, tổ dân phố`` → ``Thôn, tổ dân phố``) for a heading cell."""
    return phrase[:1].upper() + phrase[1:]


def board_of(kind: VillageKind) -> str:
    """The unit's full board: ``Ban phát triển thôn``, ``Ban điều hành tổ dân phố``."""
    return f"{kind.board} {unbroken(kind.name)}"


def leaders_line(case: Case, villages: list[Village]) -> list[str]:
    """Kính gửi lines for the bodies of ``villages``, one per kind:
    ``Chi ủy, Ban phát triển thôn Đông Hà, thôn Tây Hà`` / ``Chi bộ, Ban điều hành Tổ dân phố 1``."""
    by_kind: dict[tuple[str, str], list[str]] = {}
    for v in villages:
        kind = kind_of(case, v)
        by_kind.setdefault((kind.party, kind.board), []).append(name_in_sentence(v.name))
    return [f"{party}, {board} {', '.join(names)}" for (party, board), names in by_kind.items()]


def bodies_phrase(case: Case, villages: list[Village] | None = None) -> str:
    """``Chi ủy, Ban phát triển thôn`` or ``Chi ủy, Ban phát triển thôn; Chi bộ, Ban điều hành tổ dân phố``."""
    return "; ".join(f"{k.party}, {board_of(k)}" for k in kinds_present(case, villages))


def _same_person(a: str, b: str) -> bool:
    return key(a) == key(b)


def principal_title(signer: Signer) -> str | None:
    """The title a KT. signer signs for: ``KT. Chủ tịch`` → ``Chủ tịch``; None for anyone else."""
    first = signer.title_lines[0]
    return first[3:].strip() if first.upper().startswith("KT.") else None


def signer_officers(case: Case, signer: Signer) -> set[str]:
    """Officer ids a letter signed by ``signer`` must never be addressed to.

    The signer himself; whoever holds the title he signs for (a deputy's ``KT. Chủ tịch`` names the
    chairman); and every other signer of the case who signs for the same body (the committee's
    leaders do not urge each other by letter). People are matched by name; the principal by a title
    such as ``Chủ tịch UBND xã`` (never ``Chủ tịch Hội Nông dân``).
    """
    same_body = [s for s in case.signers.values() if s.body and signer.body and key(s.body) == key(signer.body)]
    names = {signer.name} | {s.name for s in same_body}
    principal = principal_title(signer)
    titles = [key(f"{principal} {b}") for b in (signer.body, case.agency.symbol) if principal and b]
    out = set()
    for o in case.officers:
        if any(_same_person(o.name, n) for n in names) or any(key(o.title).startswith(t) for t in titles):
            out.add(o.id)
    return out
