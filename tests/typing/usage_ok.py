"""Type-checked by lint.mypy (never run): calls as users write them, with the
types the annotations must give."""
from typing import List, Optional, Tuple

import kztext

s: str = kztext.translit("Қазақ")
b: bytes = kztext.translit(b"\xd2\x9a")
batch: List[str] = kztext.translit(["Қазақ", "Алматы"], to="latin2021")
text, spans = kztext.translit("Қазақ", offsets=True)
t2: str = text
first: Tuple[int, int, int, int] = spans[0]
sub: kztext.Spans = spans[1:]
n: str = kztext.normalize("Е\u0308")
u: str = kztext.upper("бiлiм", lang="kk")
ub: bytes = kztext.lower(b"ABC")
d = kztext.decode(b"abc", invalid="replace")
dt: str = d.text
conf: float = d.confidence
enc: Tuple[str, float] = kztext.detect_encoding(b"abc")
lang: Optional[str] = kztext.detect("Біз келдік.").lang
sents: List[str] = kztext.sentences("Ол келді. Біз күттік.")
