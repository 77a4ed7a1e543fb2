#!/usr/bin/env python3
"""Make PDFs of known text in one, two and three columns, to measure reading order.

  python3 benches/peers/make-columns.py OUT_DIR TEXT_FILE [TEXT_FILE...]

Each text file (its first line the title, then paragraphs separated by blank lines; for example
news articles of the entity development gold, which is not in this repository) is set as an
A4 page by two real PDF producers: Chromium's print to PDF (CSS columns, justified, embedded TrueType subsets) and, if
the `reportlab` package is installed, ReportLab (frames side by side, Type 1 base fonts). Each
layout is written as `OUT_DIR/NAME-PRODUCER-LAYOUT.pdf` with the true text beside it as
`OUT_DIR/NAME-PRODUCER-LAYOUT.txt`, which `pdf.py` scores both readers against. The layouts:
`c1`, `c2`, `c3` (columns), `dropcap` (two columns, the first letter of the article set large in
the margin) and `indent` (two columns, first lines indented, no space between paragraphs).
The PDFs are made for measuring and are not kept in the repository.
"""
import html, re, shutil, subprocess, sys, tempfile
from pathlib import Path

LAYOUTS = {
    "c1": (1, ""),
    "c2": (2, ""),
    "c3": (3, ""),
    "dropcap": (2, "article > p:first-of-type::first-letter { float: left; font-size: 3.2em; line-height: 0.9; margin-right: 4px; }"),
    "indent": (2, "p { margin: 0; text-indent: 1.5em; }"),
}


def paragraphs(path):
    text = Path(path).read_text(encoding="utf-8")
    # The gold kit's files may begin with a metadata header line; it is not article text.
    blocks = [re.sub(r"\s+", " ", block).strip() for block in re.split(r"\n\s*\n", text)]
    blocks = [block for block in blocks if block and not re.match(r"^(date|title|source|outlet|author|url)\b[ :]", block, re.I)]
    return blocks[0], blocks[1:]


def chromium(title, body, columns, extra, out):
    page = f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 18mm; }}
body {{ font-family: serif; font-size: 10pt; line-height: 1.3; }}
h1 {{ font-size: 18pt; column-span: all; }}
article {{ columns: {columns}; column-gap: 7mm; text-align: justify; hyphens: none; }}
p {{ margin: 0 0 0.6em 0; }}
{extra}
</style></head><body><h1>{html.escape(title)}</h1><article>
{''.join(f'<p>{html.escape(p)}</p>' for p in body)}
</article></body></html>"""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "page.html"
        source.write_text(page, encoding="utf-8")
        browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={out}", source.as_uri()], check=True, capture_output=True)


def reportlab(title, body, columns, layout, out):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
    width, height = A4
    margin, gap = 50, 20
    column = (width - 2 * margin - (columns - 1) * gap) / columns
    frames = [Frame(margin + i * (column + gap), margin, column, height - 2 * margin - 40, id=f"c{i}") for i in range(columns)]
    styles = getSampleStyleSheet()
    indent = layout == "indent"
    style = ParagraphStyle("body", parent=styles["BodyText"], fontName="Times-Roman", fontSize=10, leading=12.5,
                           alignment=TA_JUSTIFY, firstLineIndent=14 if indent else 0, spaceAfter=0 if indent else 6)

    def heading(canvas, document):
        canvas.setFont("Helvetica-Bold", 16)
        canvas.drawString(margin, height - margin - 16, title)

    document = BaseDocTemplate(str(out), pagesize=A4)
    document.addPageTemplates([PageTemplate(id="page", frames=frames, onPage=heading)])
    flow = []
    for index, paragraph in enumerate(body):
        text = html.escape(paragraph)
        if layout == "dropcap" and index == 0:
            text = f'<font size="30">{text[0]}</font>{text[1:]}'
        flow.append(Paragraph(text, style))
    document.build(flow)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out_dir = Path(sys.argv[1])
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        import reportlab as _  # noqa: F401
        producers = ["chromium", "reportlab"]
    except ImportError:
        producers = ["chromium"]
    for path in sys.argv[2:]:
        title, body = paragraphs(path)
        for producer in producers:
            for layout, (columns, extra) in LAYOUTS.items():
                stem = out_dir / f"{Path(path).stem}-{producer}-{layout}"
                if producer == "chromium":
                    chromium(title, body, columns, extra, stem.with_suffix(".pdf"))
                else:
                    reportlab(title, body, columns, layout, stem.with_suffix(".pdf"))
                stem.with_suffix(".txt").write_text(title + "\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
