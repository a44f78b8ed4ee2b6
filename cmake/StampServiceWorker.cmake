# Writes the service worker with its cache name: rolelab-VERSION-HASH, HASH
# from the bytes of every file it caches, so a rebuild that changes any of
# them is a new worker (and a new cache) even at the same version.
#   cmake -DSRC=web/sw.js -DOUT=site/sw.js -DSITE=site -DVERSION=0.1.0 -P StampServiceWorker.cmake
file(READ "${SRC}" sw)
set(all "")
foreach(f index.html index.js index.wasm manifest.webmanifest icon.svg)
  if(NOT EXISTS "${SITE}/${f}")
    message(FATAL_ERROR "StampServiceWorker.cmake: ${SITE}/${f} is missing")
  endif()
  file(SHA256 "${SITE}/${f}" h)
  string(APPEND all "${h}")
endforeach()
file(READ "${SRC}" src)
string(APPEND all "${src}")
string(SHA256 hash "${all}")
string(SUBSTRING "${hash}" 0 12 hash)
string(REPLACE "@ROLELAB_VERSION@" "${VERSION}" sw "${sw}")
string(REPLACE "@ROLELAB_BUILD_HASH@" "${hash}" sw "${sw}")
file(WRITE "${OUT}" "${sw}")
