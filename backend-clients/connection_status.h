#pragma once

#include <QMetaType>
#include <QString>

namespace wf {

enum class ConnectionState {
    Idle,          // not started
    Connecting,    // first contact
    Loading,       // catalog and history
    Live,          // streaming
    Reconnecting,  // waiting for the next attempt
    Stopped,
};

struct ConnectionStatus {
    ConnectionState state = ConnectionState::Idle;
    QString detail;              // the last problem, in words
    qint64 nextRetryWallMs = 0;  // QDateTime::currentMSecsSinceEpoch() of the next attempt
    int attempt = 0;
};

QString connectionStateName(ConnectionState s);

}  // namespace wf

Q_DECLARE_METATYPE(wf::ConnectionStatus)
