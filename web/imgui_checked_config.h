// ImGui configuration for the null-backend UI test (tests/unit/test_ui_null.cpp):
// every IM_ASSERT reaches the test, which fails (instead of aborting the run).
#pragma once

void rolelab_imgui_assert_failed(const char* expr, const char* file, int line);
#define IM_ASSERT(_EXPR) ((_EXPR) ? (void)0 : rolelab_imgui_assert_failed(#_EXPR, __FILE__, __LINE__))
