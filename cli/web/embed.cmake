# Writes cli/web/index.html as a C array (serve_page), so kztext serve holds
# its page in memory and never reads a file.  cmake -DIN=... -DOUT=... -P
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR len "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE ${OUT} "/* generated from cli/web/index.html by cli/web/embed.cmake */\n"
  "#include <stddef.h>\n"
  "extern const unsigned char serve_page[];\nextern const size_t serve_page_len;\n"
  "const unsigned char serve_page[] = {\n${bytes}0};\n"
  "const size_t serve_page_len = ${len};\n")
