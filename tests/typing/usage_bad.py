"""Type-checked by lint.mypy, which requires an error on each line marked
`error`: the annotations are precise, not Any."""
import kztext

a: int = kztext.translit("Қазақ")  # error
b: str = kztext.translit(b"x")  # error
c: str = kztext.translit(["a"])  # error
d: int = kztext.detect_encoding(b"x")[1]  # error
e: bytes = kztext.upper("x")  # error
f = kztext.decode("not bytes")  # error
