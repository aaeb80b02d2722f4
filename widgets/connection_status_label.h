#pragma once

// The status bar's word on the connection: connected, reconnecting (with the
// next retry), or data stale (with its age). Updated every second.

#include "connection_status.h"

#include <QLabel>
#include <functional>

class QTimer;

namespace wf {

class ConnectionStatusLabel : public QLabel {
    Q_OBJECT
public:
    // lastDataWallMs: when the last message arrived (wall clock ms, 0 = never).
    explicit ConnectionStatusLabel(std::function<qint64()> lastDataWallMs,
                                   QWidget* parent = nullptr);

    void setStatus(const ConnectionStatus& status);
    const ConnectionStatus& status() const { return status_; }
    // Data older than this is stale.
    void setStaleAfterMs(int ms) { staleAfterMs_ = ms; }
    bool isStale() const { return stale_; }
    void setEndpointName(const QString& name) { endpoint_ = name; }

signals:
    void staleChanged(bool stale);

private:
    void updateText();

    std::function<qint64()> lastDataWallMs_;
    ConnectionStatus status_;
    QString endpoint_;
    int staleAfterMs_ = 3000;
    bool stale_ = false;
    QTimer* timer_;
};

}  // namespace wf
