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
if(ROLELAB_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
