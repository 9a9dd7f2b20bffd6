"""A small AKN4UN document written for the tests (invented wording, the UN's markup)."""

from __future__ import annotations

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def akn(
    *,
    number: int = 9100,
    adopted: str = "2013-04-25",
    symbol: str | None = None,
    preamble: tuple[str, ...] = ("Recalling its earlier decisions,",),
    body: str = "",
    chapter_vii_marker: bool = True,
    name: str = "resolution",
) -> bytes:
    """AKN bytes for a resolution with the given preamble paragraphs and mainBody XML."""
    year = adopted[:4]
    symbol = symbol or f"S/RES/{number} ({year})"
    marker = ' refersTo="Chapter VII"' if chapter_vii_marker else ""
    containers = "".join(
        f'<container name="c" eId="container_{i}"><p>{text}</p></container>'
        for i, text in enumerate(preamble)
    )
    return f"""<akomaNtoso xmlns="{NS}" xmlns:akn4un="http://un.org/akn4un">
  <statement name="{name}">
    <meta>
      <identification source="#DGACM">
        <FRBRWork>
          <FRBRthis value="/akn/un/statement/deliberation/unsc/{adopted}/{number}-{year}/!main/"/>
          <FRBRdate date="{adopted}" name="adoption"/>
        </FRBRWork>
      </identification>
      <workflow source="#un">
        <step date="{adopted}" outcome="draftResolution" as="S/{year}/1" by=""/>
        <step date="{adopted}" outcome="adopted" as="S/PV.9999"
              by="Adopted (13-0-2), 9999th meeting"{marker}/>
      </workflow>
      <analysis source="#un"><parliamentary><voting>
        <count value="013" refersTo="inFavour"><akn4un:voters>
          <organization refersTo="memberState">FRANCE</organization>
        </akn4un:voters></count>
        <count value="002" refersTo="abstaining"><akn4un:voters>
          <organization refersTo="memberState">CHINA</organization>
          <organization refersTo="memberState">RUSSIAN FEDERATION</organization>
        </akn4un:voters></count>
      </voting></parliamentary></analysis>
    </meta>
    <coverPage>
      <p><docNumber refersTo="#symbol">{symbol}</docNumber></p>
      <p><docTitle refersTo="#resolutionNumber">Resolution {number} ({year})</docTitle></p>
    </coverPage>
    <preamble>
      <formula name="enactingFormula"><p><span class="italic">The Security Council</span>,</p>
      </formula>
      {containers}
    </preamble>
    <mainBody>{body}</mainBody>
  </statement>
</akomaNtoso>""".encode()


def paragraph(num: str, text: str, points: str = "") -> str:
    """A numbered operative paragraph, optionally with a list of points."""
    if points:
        inner = f"<list><intro><p>{text}</p></intro>{points}</list>"
    else:
        inner = f"<content><p>{text}</p></content>"
    return f'<paragraph class="SingleTxt"><num>{num}</num>{inner}</paragraph>'


def point(num: str, text: str, inner: str = "") -> str:
    """A sub-item (a), (i) with optional nested points."""
    if inner:
        return f"<point><num>{num}</num><list><intro><p>{text}</p></intro>{inner}</list></point>"
    return f"<point><num>{num}</num><content><p>{text}</p></content></point>"


def heading(text: str) -> str:
    """A heading paragraph as the UN marks them."""
    return f'<paragraph class="H23"><heading>{text}</heading></paragraph>'
