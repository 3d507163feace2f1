"""Bar charts as native DrawingML chart parts: what a meeting reads at a glance (issue 13).

A chart is a ``word/charts/chartN.xml`` part (bars, data labels, legend in Times New Roman) and an
inline ``w:drawing`` that points at it. The numbers travel in the part's own caches (``c:strRef`` /
``c:numRef`` with ``strCache``/``numCache``), so Word and LibreOffice draw the same picture without
an embedded workbook, the text stays crisp and Vietnamese at any zoom, and no image library is
needed. Pure string building; the output is a function of the input (byte-identical reports).

Block: ``{"kind": "chart", "title": …, "categories": [...], "series": [(name, "RRGGBB", [values])],
"stacked": bool, "height_cm": float, "max": int | None, "descr": …}``.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape as esc

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
CHART_TYPE = R_NS + "/chart"
CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
EMU_PER_CM = 360000
WIDTH_CM = 16.0  # within the portrait text width (16.5 cm)
FONT = "Times New Roman"


def part_name(n: int) -> str:
    """``word/charts/chartN.xml``: the part of the ``n``-th chart (1-based)."""
    return f"word/charts/chart{n}.xml"


def rel_id(n: int) -> str:
    return f"rIdDgChart{n}"


def _text_props(size: int, bold: bool = False) -> str:
    b = ' b="1"' if bold else ' b="0"'
    return (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"{b}>'
            f'<a:solidFill><a:srgbClr val="000000"/></a:solidFill>'
            f'<a:latin typeface="{FONT}"/><a:cs typeface="{FONT}"/></a:defRPr></a:pPr>'
            '<a:endParaRPr lang="vi-VN"/></a:p></c:txPr>')


def _str_ref(ref: str, values: list[str]) -> str:
    pts = "".join(f'<c:pt idx="{i}"><c:v>{esc(v)}</c:v></c:pt>' for i, v in enumerate(values))
    return f'<c:strRef><c:f>{ref}</c:f><c:strCache><c:ptCount val="{len(values)}"/>{pts}</c:strCache></c:strRef>'


def _num_ref(ref: str, values: list[float]) -> str:
    pts = "".join(f'<c:pt idx="{i}"><c:v>{_num(v)}</c:v></c:pt>' for i, v in enumerate(values))
    return (f'<c:numRef><c:f>{ref}</c:f><c:numCache><c:formatCode>General</c:formatCode>'
            f'<c:ptCount val="{len(values)}"/>{pts}</c:numCache></c:numRef>')


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def _col(i: int) -> str:
    return chr(ord("B") + i)


def chart_xml(block: dict[str, Any]) -> str:
    """The ``c:chartSpace`` part of a horizontal bar chart (stacked or clustered)."""
    # No-break spaces: LibreOffice wraps a long label onto two lines, then drops every other label
    # for lack of room, leaving bars nobody can name (14 units in data/phong-lac).
    cats = [str(c).replace(" ", "\u00a0") for c in block["categories"]]
    n = len(cats)
    stacked = block.get("stacked", True)
    series = []
    for i, (name, colour, values) in enumerate(block["series"]):
        labels = ('<c:dLbls><c:numFmt formatCode="#;;;" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln>'
                  f'</c:spPr>{_text_props(1000, True)}<c:dLblPos val="{"ctr" if stacked else "outEnd"}"/>'
                  '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>'
                  '<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>')
        series.append(
            f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>'
            f'<c:tx>{_str_ref(f"Sheet1!${_col(i)}$1", [name])}</c:tx>'
            f'<c:spPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
            '<a:ln w="6350"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln></c:spPr>'
            f'<c:invertIfNegative val="0"/>{labels}'
            f'<c:cat>{_str_ref(f"Sheet1!$A$2:$A${n + 1}", cats)}</c:cat>'
            f'<c:val>{_num_ref(f"Sheet1!${_col(i)}$2:${_col(i)}${n + 1}", values)}</c:val></c:ser>')
    top = block.get("max")
    scaling_max = f'<c:max val="{top}"/>' if top else ""
    grid = '<c:majorGridlines><c:spPr><a:ln w="3175"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>'
    axis_line = '<c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="808080"/></a:solidFill></a:ln></c:spPr>'
    title = (f'<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1">'
             f'<a:latin typeface="{FONT}"/><a:cs typeface="{FONT}"/></a:defRPr></a:pPr>'
             f'<a:r><a:rPr lang="vi-VN" sz="1200" b="1"><a:latin typeface="{FONT}"/><a:cs typeface="{FONT}"/></a:rPr>'
             f'<a:t>{esc(block["title"])}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{C_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}">'
        '<c:date1904 val="0"/><c:lang val="vi-VN"/><c:roundedCorners val="0"/>'
        f'<c:chart>{title}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>'
        f'<c:barChart><c:barDir val="bar"/><c:grouping val="{"stacked" if stacked else "clustered"}"/>'
        f'<c:varyColors val="0"/>{"".join(series)}'
        f'<c:gapWidth val="{block.get("gap", 50)}"/>' + ('<c:overlap val="100"/>' if stacked else "")
        + '<c:axId val="50010"/><c:axId val="50020"/></c:barChart>'
        '<c:catAx><c:axId val="50010"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{axis_line}{_text_props(1100)}'
        '<c:crossAx val="50020"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
        '<c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="50020"/><c:scaling><c:orientation val="minMax"/>{scaling_max}<c:min val="0"/>'
        f'</c:scaling><c:delete val="0"/><c:axPos val="t"/>{grid}'
        '<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="nextTo"/>{axis_line}{_text_props(1000)}<c:crossAx val="50010"/><c:crosses val="max"/>'
        f'<c:crossBetween val="between"/><c:majorUnit val="{block.get("unit", 1)}"/></c:valAx>'
        '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>'
        f'<c:legend><c:legendPos val="b"/><c:overlay val="0"/>{_text_props(1100)}</c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
        f'{_text_props(1100)}</c:chartSpace>')


def drawing_xml(block: dict[str, Any], n: int) -> str:
    """The paragraph holding chart ``n`` inline, centred, kept with the paragraph after it."""
    cx = int(WIDTH_CM * EMU_PER_CM)
    cy = int(block.get("height_cm", 6.0) * EMU_PER_CM)
    descr = esc(block.get("descr") or block["title"])
    return (
        '<w:p><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/><w:jc w:val="center"/></w:pPr>'
        f'<w:r><w:drawing><wp:inline xmlns:wp="{WP_NS}" distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{9000 + n}" name="Biểu đồ {n}" descr="{descr.replace(chr(34), "&quot;")}"/>'
        f'<wp:cNvGraphicFramePr/><a:graphic xmlns:a="{A_NS}">'
        f'<a:graphicData uri="{C_NS}"><c:chart xmlns:c="{C_NS}" xmlns:r="{R_NS}" r:id="{rel_id(n)}"/>'
        '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')


def package_entries(n: int) -> tuple[str, str]:
    """(relationship, content-type override) declaring chart ``n`` in the package."""
    return (f'<Relationship Id="{rel_id(n)}" Type="{CHART_TYPE}" Target="charts/chart{n}.xml"/>',
            f'<Override PartName="/{part_name(n)}" ContentType="{CHART_CT}"/>')
