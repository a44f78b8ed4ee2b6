// The "Your account" window (ui_account.cpp), drawn after the main window
// when an account was opened (account_view.h).
#pragma once

#include "app.h"

namespace rolelab::ui {

void account_window(app::App& app);
// The world diagram panel when an opened account is shown in it (ui_account_diagram.cpp).
void account_diagram_panel(app::App& app);
// File > Open your account...: a path field (desktop) or how to drop the file (browser).
void account_dialog(app::App& app);

}  // namespace rolelab::ui
