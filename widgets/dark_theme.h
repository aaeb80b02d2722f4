#pragma once

class QApplication;

namespace wf {

// Fusion with a dark palette: readable at 3 a.m., alert colours stand out.
void applyDarkTheme(QApplication& app);

}  // namespace wf
