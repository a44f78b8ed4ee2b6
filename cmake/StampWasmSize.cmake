# Writes the size of index.wasm into index.html (the loading bar's
# data-wasm-bytes): a host that sends the program gzip-compressed gives only
# the compressed Content-Length, while the page counts decoded bytes, so the
# bar needs the real size to show a share. Run after every link of the page.
#   cmake -DHTML=index.html -DWASM=index.wasm -P StampWasmSize.cmake
file(SIZE "${WASM}" bytes)
file(READ "${HTML}" html)
string(REGEX REPLACE "data-wasm-bytes=\"[^\"]*\"" "data-wasm-bytes=\"${bytes}\"" stamped "${html}")
if(NOT stamped STREQUAL html)
  file(WRITE "${HTML}" "${stamped}")
endif()
