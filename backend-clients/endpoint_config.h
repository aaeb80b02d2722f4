#pragma once

#include <QMetaType>
#include <QString>

namespace wf {

// Where and how to reach a platform. The token is held in memory only: it is
// never written to settings, logs or exports.
struct EndpointConfig {
    QString target;  // "127.0.0.1:50051"
    bool tls = false;
    QString caCertificatePath;  // PEM; empty = system roots
    // Mutual TLS: this console's certificate and key (PEM); empty: none.
    QString clientCertificatePath;
    QString clientKeyPath;
    QString token;  // bearer token, may be empty
    int callDeadlineMs = 5000;
    int historyDeadlineMs = 15000;
    // A live stream that sends nothing (not even a heartbeat) for this long is
    // treated as dead and reopened.
    int streamIdleTimeoutMs = 5000;
    // Streams are reopened (and resumed) at least this often, so even a
    // stream has a deadline.
    int streamDeadlineMs = 10 * 60 * 1000;
    int maxReceiveMessageBytes = 4 * 1024 * 1024;

    QString displayName() const { return (tls ? QStringLiteral("https://") : QString()) + target; }
};

}  // namespace wf

Q_DECLARE_METATYPE(wf::EndpointConfig)
