# Project code builds with -Wall -Wextra -Werror; third-party code (ImGui) does not.
function(rolelab_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 reports false -Wrestrict positives inside std::string's operator+
    # at -O2/-O3 (GCC bug 105329); the check is noise there, not a finding.
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
endfunction()

# Sanitizers for the `asan` preset.
option(ROLELAB_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
# The asan preset also builds the libFuzzer targets (clang): one sanitizer
# build serves the whole test suite and scripts/fuzz.sh, instead of two.
# Coverage instrumentation (fuzzer-no-link) is inert outside the fuzz targets.
option(ROLELAB_FUZZERS "With ROLELAB_SANITIZE and clang: also build the libFuzzer targets" OFF)
if(ROLELAB_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
  if(ROLELAB_FUZZERS)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
      message(FATAL_ERROR "ROLELAB_FUZZERS needs clang (libFuzzer): use the asan preset")
    endif()
    add_compile_options(-fsanitize=fuzzer-no-link)
  endif()
endif()

# Test code (doctest cases, the null-backend UI test) is compiled at -O1 in
# optimised builds: -O3 on doctest's macros costs 40% more compile time for
# tests that run in seconds either way (CI's time grows with the course). The
# code under test keeps the build's own level. Under Emscripten the link's
# -O level picks wasm-opt's passes, so the link gets it too.
function(rolelab_test_code target)
  target_compile_options(${target} PRIVATE $<$<CONFIG:Release,RelWithDebInfo>:-O1>)
  if(EMSCRIPTEN)
    target_link_options(${target} PRIVATE $<$<CONFIG:Release,RelWithDebInfo>:-O1>)
  endif()
endfunction()
