# Third-party code: nlohmann/json and doctest from Debian's packages, Dear ImGui
# sources from Debian's source package (fetched by scripts/deps.sh into
# build/deps/imgui). Nothing is downloaded here.

set(ROLELAB_DEPS_DIR "${CMAKE_SOURCE_DIR}/build/deps" CACHE PATH "Where scripts/deps.sh put fetched sources")
set(IMGUI_DIR "${ROLELAB_DEPS_DIR}/imgui" CACHE PATH "Dear ImGui 1.90.1 sources")

# Header-only packages live in /usr/include, which must not be on emscripten's
# include path (it drags in glibc headers): expose only their own folders.
set(ROLELAB_SYSINC "${CMAKE_BINARY_DIR}/sysinc")
file(MAKE_DIRECTORY "${ROLELAB_SYSINC}")
foreach(dep nlohmann doctest)
  if(NOT EXISTS "/usr/include/${dep}")
    message(FATAL_ERROR "/usr/include/${dep} is missing: run scripts/deps.sh first")
  endif()
  file(CREATE_LINK "/usr/include/${dep}" "${ROLELAB_SYSINC}/${dep}" SYMBOLIC)
endforeach()
add_library(rolelab_thirdparty_headers INTERFACE)
target_include_directories(rolelab_thirdparty_headers SYSTEM INTERFACE "${ROLELAB_SYSINC}")

if(EMSCRIPTEN)
  # Exceptions are off by default in emscripten 3.1.6 (a throw aborts).
  # WebAssembly's own exception handling (Chrome 95, Firefox 100, Safari 15.2,
  # node 17 and later), not emscripten's JavaScript-based one, which sends
  # every call that may throw from a function with cleanups through a
  # JavaScript trampoline (invoke_*): the page's wasm is 15% smaller without
  # them, and its start does not cross into JavaScript and back on every call.
  add_compile_options(-fwasm-exceptions)
  add_link_options(-fwasm-exceptions -sALLOW_MEMORY_GROWTH=1)
endif()

# Dear ImGui (built without the project's warning flags).
if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "Dear ImGui sources not found in ${IMGUI_DIR}: run scripts/deps.sh first")
endif()
add_library(imgui STATIC
  ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp
  ${IMGUI_DIR}/imgui_widgets.cpp ${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/misc/cpp)

# ImGui's GLFW backend (input, window), for the desktop and (through
# emscripten's built-in GLFW) for the browser. Drawing is the runner's own
# (web/gl_renderer.cpp: why), so the GL header comes through GLFW's: GLES 3.0
# (WebGL2) in the browser, GL with its 3.0 prototypes on the desktop. No
# FULL_ES3: the renderer draws from buffers, never from client-side arrays,
# and FULL_ES3's emulation reads the GL state back in every glBindVertexArray.
if(EMSCRIPTEN)
  add_library(imgui_backend STATIC ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp)
  target_link_options(imgui_backend INTERFACE -sUSE_GLFW=3 -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2)
  target_compile_definitions(imgui_backend PUBLIC GLFW_INCLUDE_ES3)
  target_include_directories(imgui_backend SYSTEM PUBLIC ${IMGUI_DIR}/backends)
  target_link_libraries(imgui_backend PUBLIC imgui)
  set(ROLELAB_HAVE_WINDOW ON)
else()
  find_package(PkgConfig)
  find_package(OpenGL)
  if(PkgConfig_FOUND)
    pkg_check_modules(GLFW3 IMPORTED_TARGET glfw3)
  endif()
  if(GLFW3_FOUND AND OpenGL_FOUND)
    add_library(imgui_backend STATIC ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp)
    target_compile_definitions(imgui_backend PUBLIC GL_GLEXT_PROTOTYPES GLFW_INCLUDE_GLEXT)
    target_include_directories(imgui_backend SYSTEM PUBLIC ${IMGUI_DIR}/backends)
    target_link_libraries(imgui_backend PUBLIC imgui PkgConfig::GLFW3 OpenGL::GL ${CMAKE_DL_LIBS})
    set(ROLELAB_HAVE_WINDOW ON)
  else()
    message(WARNING "GLFW or OpenGL not found: the desktop runner is not built (run scripts/deps.sh)")
    set(ROLELAB_HAVE_WINDOW OFF)
  endif()
endif()
