#pragma once

#include <QString>

namespace wf {

// spdlog to a rotating file in the user's data directory (and warnings to
// stderr). Returns the log file's path.
QString setupLogging();

}  // namespace wf
