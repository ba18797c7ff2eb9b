"""Regenerate `templates/untangle.pptx`, the default deck template, from python-pptx's own.

Run `python -m slides_builder.make_template` after changing the look; the output is the same
bytes every time. The template holds one master (Calibri, the colours below, a `Logo` box and
the slide-number area in the footer, never overlapping) and one named layout per slide kind
(`layouts.py`). An organization can replace it with its own branded .pptx (setting
`slide_template`) as long as it keeps the layout names and placeholder indexes that
`layouts.py` lists: the build checks them and names what is missing.

LibreOffice shows Calibri with its metric twin Carlito (Debian `fonts-crosextra-carlito`), so
the deck wraps where PowerPoint wraps, and the tests can measure overflow with that font.
"""
from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.parts.slide import SlideLayoutPart

from . import fit
from . import layouts as L

TARGET = Path(__file__).parent / "templates" / "untangle.pptx"
IN = 914400  # EMU per inch
PT = 12700  # EMU per point
WIDTH, HEIGHT = int(13.333 * IN), int(7.5 * IN)
FONT = "Calibri"
BODY = 28  # the one body size of every slide kind (points)

# Colours: deep blue for structure, warm orange for activities, teal for discussion, on white
# (projectors wash out tinted backgrounds). Dark text passes WCAG AA on every fill used.
INK = "1F2A37"
PRIMARY = "1D4E89"
PRIMARY_DARK = "133A66"
PALE = "E8F0F9"
ACTIVITY = "B5471B"
DISCUSSION = "0F6E6E"
MUTED = "5B6675"
WHITE = "FFFFFF"

NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def _in(value: float) -> int:
    return int(round(value * IN))


# ---------------------------------------------------------------- geometry shared by layouts

MARGIN = 0.6
TITLE_BOX = (MARGIN, 0.3, 13.333 - 2 * MARGIN, 1.35)  # two lines of 36 pt
BODY_BOX = (MARGIN, 1.8, 13.333 - 2 * MARGIN, 4.85)
FOOTER_Y = 6.85
LOGO_BOX = (MARGIN, FOOTER_Y, 3.2, 0.45)
NUMBER_BOX = (13.333 - MARGIN - 1.6, FOOTER_Y, 1.6, 0.45)


class _Shapes:
    """Builds the XML of one shape tree; ids count up so every shape has its own."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def _id(self) -> int:
        return len(self.items) + 2

    def rect(self, name: str, box, fill: str, geometry: str = "rect") -> "_Shapes":
        x, y, w, h = map(_in, box)
        self.items.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self._id()}" name="{name}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
            f'<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>'
            f'<a:ln><a:noFill/></a:ln></p:spPr></p:sp>')
        return self

    def text(self, name: str, box, text: str, size: int, color: str, bold: bool = False,
             align: str = "l", anchor: str = "ctr") -> "_Shapes":
        x, y, w, h = map(_in, box)
        self.items.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self._id()}" name="{name}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
            f'<p:txBody><a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="{anchor}"><a:noAutofit/></a:bodyPr>'
            f'<a:lstStyle/><a:p><a:pPr algn="{align}"/><a:r><a:rPr lang="en-US" sz="{size * 100}" b="{int(bold)}">'
            f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill><a:latin typeface="{FONT}"/></a:rPr>'
            f'<a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp>')
        return self

    def placeholder(self, kind: str, idx: int, name: str, box, size: int | None = None,
                    color: str | None = None, bold: bool | None = None, align: str | None = None,
                    anchor: str = "t", bullets: bool | None = None, prompt: str = "",  # XML
                    numbered: bool = False) -> "_Shapes":
        x, y, w, h = map(_in, box)
        ph = f'type="{kind}"' + (f' idx="{idx}"' if idx else "")
        levels = ""
        for level in (1, 2):
            attrs = f' algn="{align}"' if align else ""
            bullet = ""
            if bullets is False:
                attrs += ' marL="0" indent="0"'
                bullet = "<a:buNone/>"
            elif numbered and level == 1:
                attrs += ' marL="457200" indent="-457200"'
                bullet = f'<a:buClr><a:srgbClr val="{PRIMARY}"/></a:buClr><a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod"/>'
            run = (f' sz="{size * 100}"' if size else "") + (f' b="{int(bold)}"' if bold is not None else "")
            fill = f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>' if color else ""
            levels += f"<a:lvl{level}pPr{attrs}>{bullet}<a:defRPr{run}>{fill}</a:defRPr></a:lvl{level}pPr>"
        self.items.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self._id()}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr>'
            f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm></p:spPr>'
            f'<p:txBody><a:bodyPr wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="{anchor}">'
            f'<a:noAutofit/></a:bodyPr><a:lstStyle>{levels}</a:lstStyle>'
            f'<a:p>{prompt or _run(name)}</a:p></p:txBody></p:sp>')
        return self

    def picture(self, idx: int, name: str, box) -> "_Shapes":
        x, y, w, h = map(_in, box)
        self.items.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self._id()}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph type="pic" idx="{idx}"/></p:nvPr></p:nvSpPr>'
            f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm></p:spPr>'
            f'<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>')
        return self

    def tree(self) -> str:
        return ('<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
                '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
                '<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>' + "".join(self.items) + "</p:spTree>")


def _run(text: str) -> str:
    return f'<a:r><a:rPr lang="en-US"/><a:t>{text}</a:t></a:r>'


#: The number field PowerPoint itself puts in a master's slide-number placeholder.
SLIDE_NUMBER_FIELD = ('<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
                      '<a:rPr lang="en-US"/><a:t>‹#›</a:t></a:fld>')


def _title(shapes: _Shapes, box=TITLE_BOX, **style) -> _Shapes:
    return shapes.placeholder("title", 0, "Title", box, anchor=style.pop("anchor", "ctr"), **style)


def _dark_logo(shapes: _Shapes) -> _Shapes:
    """Layouts on a dark background hide the master's shapes and carry a white logo."""
    return shapes.text("Logo", LOGO_BOX, "Untangle", 18, WHITE, bold=True)


# ---------------------------------------------------------------- one builder per layout

def _layouts() -> dict[str, tuple[str, str | None, bool]]:
    """name -> (shape tree, background colour or None, show the master's shapes)."""
    half = (13.333 - 2 * MARGIN - 0.4) / 2
    x0, y0, full_w, body_h = BODY_BOX
    out: dict[str, tuple[str, str | None, bool]] = {}

    s = _Shapes().rect("Band", (0, 5.15, 13.333, 0.08), "F2A541")
    _title(s, (0.8, 1.0, 11.7, 2.55), size=44, bold=True, color=WHITE, anchor="b", align="l")
    s.placeholder("body", 1, "Subtitle", (0.8, 3.7, 11.7, 1.35), size=24, color="DCE6F2", bullets=False)
    s.placeholder("body", 2, "Length", (0.8, 5.45, 8.5, 0.9), size=20, color=WHITE, bullets=False)
    out[L.TITLE.name] = (_dark_logo(s).tree(), PRIMARY_DARK, False)

    s = _title(_Shapes(), color=PRIMARY, size=36, bold=True)
    s.placeholder("body", 1, "Objectives", BODY_BOX, size=BODY, color=INK, numbered=True)
    out[L.AGENDA.name] = (s.tree(), None, True)

    s = _Shapes().rect("Panel", (0, 0, 0.35, 7.5), "F2A541")
    _title(s, (1.0, 2.0, 11.3, 2.2), size=40, bold=True, color=WHITE, anchor="b")
    s.placeholder("body", 1, "Part", (1.0, 4.4, 11.3, 1.0), size=24, color="DCE6F2", bullets=False)
    out[L.SECTION.name] = (_dark_logo(s).tree(), PRIMARY, False)

    s = _title(_Shapes(), color=PRIMARY, size=36, bold=True)
    s.placeholder("body", 1, "Text", BODY_BOX, size=BODY, color=INK)
    out[L.CONTENT.name] = (s.tree(), None, True)

    s = _title(_Shapes(), color=PRIMARY, size=36, bold=True)
    s.placeholder("body", 1, "Left column", (x0, y0, half, body_h), size=BODY, color=INK)
    s.placeholder("body", 2, "Right column", (x0 + half + 0.4, y0, half, body_h), size=BODY, color=INK)
    out[L.TWO_COLUMNS.name] = (s.tree(), None, True)

    text_x = 5.9  # a tall picture takes the whole height on the left, title and text on the right
    s = _Shapes().picture(3, "Picture", (0.35, 0.35, text_x - 0.65, FOOTER_Y - 0.5))
    _title(s, (text_x, 0.3, 13.333 - MARGIN - text_x, 1.35), color=PRIMARY, size=36, bold=True)
    s.placeholder("body", 1, "Text", (text_x, y0, 13.333 - MARGIN - text_x, body_h), size=BODY, color=INK)
    out[L.PICTURE_TEXT.name] = (s.tree(), None, True)

    s = _title(_Shapes(), (MARGIN, 0.2, 13.333 - 2 * MARGIN, 1.1), color=PRIMARY, size=32, bold=True)
    s.picture(3, "Picture", (0, 1.35, 13.333, 5.4))
    out[L.FULL_PICTURE.name] = (s.tree(), None, True)

    # An activity: an orange header with the minutes and a timer area; the steps get the
    # full width below, since activity instructions run long.
    s = _Shapes().rect("Activity band", (0, 0, 13.333, 1.6), ACTIVITY)
    _title(s, (MARGIN, 0.15, 8.1, 1.35), color=WHITE, size=36, bold=True)
    s.placeholder("body", 2, "Minutes", (8.85, 0.15, 1.55, 1.35), size=20, color=WHITE, bold=True,
                  bullets=False, align="ctr", anchor="ctr")
    s.rect("Timer area", (10.6, 0.25, 2.13, 1.1), WHITE, geometry="roundRect")
    s.placeholder("body", 4, "Timer", (10.65, 0.3, 2.03, 1.0), size=36, color=ACTIVITY, bold=True,
                  bullets=False, align="ctr", anchor="ctr")
    s.placeholder("body", 1, "Steps", BODY_BOX, size=BODY, color=INK)
    out[L.ACTIVITY.name] = (s.tree(), None, True)

    s = _Shapes().rect("Discussion bar", (0, 0, 0.35, FOOTER_Y - 0.15), DISCUSSION)
    _title(s, (MARGIN, 0.3, 9.4, 1.35), color=DISCUSSION, size=36, bold=True)
    s.placeholder("body", 2, "Minutes", (10.2, 0.55, 2.53, 0.85), size=24, color=DISCUSSION, bold=True,
                  bullets=False, align="r", anchor="ctr")
    s.placeholder("body", 1, "Questions", BODY_BOX, size=BODY, color=INK)
    out[L.DISCUSSION.name] = (s.tree(), None, True)

    s = _Shapes().rect("Fact panel", (0, 1.75, 13.333, 4.85), PALE).rect("Fact bar", (0, 1.75, 0.35, 4.85), PRIMARY)
    _title(s, color=PRIMARY, size=36, bold=True)
    s.placeholder("body", 1, "Fact", (1.0, 1.95, 11.3, 4.45), size=36, color=PRIMARY_DARK, bold=True,
                  bullets=False, anchor="ctr")
    out[L.KEY_FACT.name] = (s.tree(), None, True)

    s = _title(_Shapes(), color=PRIMARY, size=36, bold=True)
    s.placeholder("body", 1, "Where to find them", (x0, y0, full_w - 4.0, body_h), size=BODY, color=INK, bullets=False)
    s.picture(3, "QR code", (13.333 - MARGIN - 3.4, y0 + 0.2, 3.4, 3.4))
    out[L.SOURCES.name] = (s.tree(), None, True)

    s = _Shapes().rect("Band", (0, 2.05, 13.333, 0.08), "F2A541")
    _title(s, (0.8, 0.5, 11.7, 1.5), size=40, bold=True, color=WHITE, anchor="b")
    s.placeholder("body", 1, "Notice", (0.8, 2.4, 11.7, 4.2), size=BODY, color=WHITE, bullets=False)
    out[L.CLOSING.name] = (_dark_logo(s).tree(), PRIMARY_DARK, False)
    return out


def _layout_xml(name: str, tree: str, background: str | None, show_master: bool) -> str:
    bg = (f'<p:bg><p:bgPr><a:solidFill><a:srgbClr val="{background}"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>'
          if background else "")
    show = "" if show_master else ' showMasterSp="0"'
    return (f'<p:sldLayout {NS} preserve="1"{show}><p:cSld name="{name}">{bg}{tree}</p:cSld>'
            f'<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>')


# ---------------------------------------------------------------- master and theme

def _master(prs) -> None:
    master = prs.slide_master
    element = master._element
    shapes = _Shapes().rect("Top bar", (0, 0, 13.333, 0.12), PRIMARY)
    shapes.rect("Footer rule", (MARGIN, FOOTER_Y - 0.08, 13.333 - 2 * MARGIN, 0.015), "C9D3DF")
    _title(shapes, color=PRIMARY, size=36, bold=True)
    shapes.placeholder("body", 1, "Text", BODY_BOX, size=BODY, color=INK)
    shapes.placeholder("sldNum", 12, "Slide number", NUMBER_BOX, size=14, color=MUTED, align="r",
                       anchor="ctr", bullets=False, prompt=SLIDE_NUMBER_FIELD)
    shapes.text("Logo", LOGO_BOX, "Untangle", 18, PRIMARY, bold=True)
    old = element.find(f"{P}cSld/{P}spTree")
    old.getparent().replace(old, parse_xml(f"<p:root {NS}>{shapes.tree()}</p:root>")[0])

    styles = element.find(f"{P}txStyles")
    title = styles.find(f"{P}titleStyle/{A}lvl1pPr")
    title.set("algn", "l")
    _run_style(title.find(f"{A}defRPr"), 3600, PRIMARY, bold=True)
    for level in styles.find(f"{P}bodyStyle"):
        n = int(level.tag[-4])  # lvl1pPr ... lvl9pPr
        _run_style(level.find(f"{A}defRPr"), 2400, INK)
        level.set("marL", str(int(fit.indent_pt(n - 1) * PT)))
        level.set("indent", str(-int(fit.indent_pt(0) * PT)))
        spacing = level.find(f"{A}spcBef")
        for child in list(spacing):
            spacing.remove(child)
        etree.SubElement(spacing, f"{A}spcPts").set("val", str(int(fit.SPACE_BEFORE * 100)))
        if level.find(f"{A}buClr") is None:
            level.insert(list(level).index(level.find(f"{A}buFont")),
                         parse_xml(f'<a:buClr {NS}><a:srgbClr val="{PRIMARY}"/></a:buClr>'))


def _run_style(run, size: int, color: str, bold: bool = False) -> None:
    run.set("sz", str(size))
    if bold:
        run.set("b", "1")
    for fill in run.findall(f"{A}solidFill"):
        run.remove(fill)
    run.insert(0, parse_xml(f'<a:solidFill {NS}><a:srgbClr val="{color}"/></a:solidFill>'))


def _theme(prs) -> None:
    """Calibri for headings and text, and our colours as the theme's first accents."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(part.blob)
    for font in theme.iter(f"{A}majorFont", f"{A}minorFont"):
        font.find(f"{A}latin").set("typeface", FONT)
    scheme = theme.find(f".//{A}clrScheme")
    scheme.set("name", "Untangle")
    for name, value in (("dk2", PRIMARY_DARK), ("accent1", PRIMARY), ("accent2", ACTIVITY),
                        ("accent3", DISCUSSION), ("accent4", "F2A541"), ("hlink", PRIMARY)):
        slot = scheme.find(f"{A}{name}")
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{A}srgbClr").set("val", value)
    theme.find(f".//{A}fontScheme").set("name", "Untangle")
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


# ---------------------------------------------------------------- the package

def build() -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _theme(prs)
    _master(prs)
    specs = _layouts()
    existing = list(prs.slide_layouts)
    master_part = prs.slide_master.part
    for n, (name, (tree, background, show)) in enumerate(specs.items()):
        element = parse_xml(_layout_xml(name, tree, background, show))
        if n < len(existing):
            existing[n].part._element = element
            continue
        part = SlideLayoutPart(PackURI(f"/ppt/slideLayouts/slideLayout{n + 1}.xml"),
                               existing[0].part.content_type, existing[0].part.package, element)
        part.relate_to(master_part, RT.SLIDE_MASTER)
        rid = master_part.relate_to(part, RT.SLIDE_LAYOUT)
        ids = prs.slide_master._element.get_or_add_sldLayoutIdLst()
        entry = copy.deepcopy(ids[0])
        entry.set("id", str(max(int(i.get("id")) for i in ids) + 1))
        entry.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", rid)
        ids.append(entry)
    for layout in list(prs.slide_layouts)[len(specs):]:
        prs.slide_layouts.remove(layout)
    props = prs.core_properties
    props.title, props.author, props.last_modified_by = "Untangle", "Untangle contributors", "Untangle"
    props.revision = 1
    from datetime import datetime

    props.created = props.modified = datetime(2026, 1, 1)
    buffer = io.BytesIO()
    prs.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same bytes on every run: fixed entry times and order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def main() -> None:
    TARGET.write_bytes(build())
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
