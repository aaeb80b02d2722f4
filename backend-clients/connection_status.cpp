#include "connection_status.h"

namespace wf {

QString connectionStateName(ConnectionState s)
{
    switch (s) {
        case ConnectionState::Idle: return QStringLiteral("Not connected");
        case ConnectionState::Connecting: return QStringLiteral("Connecting");
        case ConnectionState::Loading: return QStringLiteral("Loading history");
        case ConnectionState::Live: return QStringLiteral("Connected");
        case ConnectionState::Reconnecting: return QStringLiteral("Reconnecting");
        case ConnectionState::Stopped: return QStringLiteral("Disconnected");
    }
    return {};
}

}  // namespace wf
