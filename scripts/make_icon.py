"""Draw the app icon (a letter with the office's green stamp on the nav's blue) in every size used:
window and taskbar (PNG), Windows installer and exe (ICO), Linux desktop entry (hicolor PNG).

    .venv/bin/python scripts/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "images"
BLUE, WHITE, GREY, GREEN, GOLD = "#1f3a5f", "#ffffff", "#9aa7b5", "#1f6f43", "#f2b134"


def draw(size: int = 1024) -> Image.Image:
    s = size / 1024
    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.rounded_rectangle([40 * s, 40 * s, 984 * s, 984 * s], radius=190 * s, fill=BLUE)
    # The letter, with a folded corner.
    d.polygon([(270 * s, 170 * s), (640 * s, 170 * s), (760 * s, 290 * s), (760 * s, 850 * s), (270 * s, 850 * s)],
              fill=WHITE)
    d.polygon([(640 * s, 170 * s), (640 * s, 290 * s), (760 * s, 290 * s)], fill="#d6dde6")
    d.rectangle([330 * s, 240 * s, 560 * s, 275 * s], fill=GOLD)  # the title line
    for y in (340, 410, 480, 550):
        d.rectangle([330 * s, y * s, 700 * s, (y + 26) * s], fill=GREY)
    # The stamp with its check: the letter is signed and issued.
    d.ellipse([560 * s, 600 * s, 880 * s, 920 * s], fill=GREEN, outline=WHITE, width=int(22 * s) or 1)
    d.line([(635 * s, 765 * s), (700 * s, 830 * s), (815 * s, 690 * s)], fill=WHITE, width=int(44 * s) or 1,
           joint="curve")
    return im


def main() -> None:
    big = draw()
    OUT.mkdir(parents=True, exist_ok=True)
    big.resize((256, 256), Image.LANCZOS).save(OUT / "loket-kelurahan.png")
    big.resize((256, 256), Image.LANCZOS).save(OUT / "loket-kelurahan.ico",
                                               sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128),
                                                      (256, 256)])


if __name__ == "__main__":
    main()
