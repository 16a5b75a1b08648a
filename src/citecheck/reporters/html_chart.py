"""A small inline SVG bar chart of references by publication year.

Editors look at the age of a reference list.  Years are counted one bar per
year, or per five years when they span more than forty; references with no
year are counted in the caption.  Plain SVG attributes only (no ``style``
attribute, no script), so the page's content security policy holds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

WIDTH, HEIGHT, PAD, AXIS = 640, 170, 28, 22


def year_chart(years: Sequence[int | None], this_year: int, chart_id: str) -> str:
    """The chart as HTML (a figure holding an SVG), or a sentence when no year is known."""
    known = [y for y in years if y is not None and 1500 <= y <= this_year + 1]
    unknown = len(years) - len(known)
    if not known:
        return '<p class="muted">No reference has a year that could be read.</p>'
    lo, hi = min(known), max(known)
    step = 1 if hi - lo <= 40 else 5
    lo -= lo % step
    counts = Counter((y - lo) // step for y in known)
    buckets = (hi - lo) // step + 1
    top = max(counts.values())
    bar = (WIDTH - 2 * PAD) / buckets
    area = HEIGHT - PAD - AXIS
    parts = [f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
             f'aria-labelledby="{chart_id}" xmlns="http://www.w3.org/2000/svg">']
    recent = this_year - 10
    for b in range(buckets):
        count = counts.get(b, 0)
        if not count:
            continue
        start = lo + b * step
        label = str(start) if step == 1 else f"{start}\u2013{start + step - 1}"
        h = max(1.0, area * count / top)
        x = PAD + b * bar
        y = PAD + area - h
        old = ' class="old"' if start + step - 1 < recent else ""
        parts.append(f'<rect{old} x="{x + 0.5:.1f}" y="{y:.1f}" width="{max(1.0, bar - 1):.1f}" '
                     f'height="{h:.1f}"><title>{label}: {count}</title></rect>')
        if bar >= 14 or count == top:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{count}</text>')
    ticks = sorted({lo, hi - hi % step} | {t for t in range(lo, hi + 1, step) if t % 10 == 0})
    min_gap = 34 / bar if bar else 1
    last = None
    for t in ticks:
        b = (t - lo) // step
        if last is not None and b - last < min_gap:
            continue
        last = b
        parts.append(f'<text x="{PAD + (b + 0.5) * bar:.1f}" y="{HEIGHT - 6}" text-anchor="middle">{t}</text>')
    parts.append(f'<line x1="{PAD}" y1="{PAD + area}" x2="{WIDTH - PAD}" y2="{PAD + area}" stroke="#57606a"/>')
    parts.append("</svg>")
    newest = sum(1 for y in known if y >= recent)
    caption = (f'<span id="{chart_id}">References by year of publication, {lo}\u2013{hi}'
               f'{" (five-year bars)" if step > 1 else ""}: {len(known)} with a year, '
               f'{newest} from the last ten years (blue), {len(known) - newest} older (grey)')
    if unknown:
        caption += f"; {unknown} without a year"
    caption += ".</span>"
    return f'<figure class="chart">{"".join(parts)}<figcaption class="muted">{caption}</figcaption></figure>'
