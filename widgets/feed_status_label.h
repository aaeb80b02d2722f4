#pragma once

// Says, above a list fed by a platform stream, when the list is not live and
// why ("Reconnecting: this list may be out of date. …"); hidden while live.

#include "connection_status.h"

#include <QLabel>

namespace wf {

class FeedStatusLabel : public QLabel {
    Q_OBJECT
public:
    // what: the noun in the message, e.g. "this list".
    explicit FeedStatusLabel(const QString& what, QWidget* parent = nullptr);
    void setStatus(const ConnectionStatus& status);

private:
    QString what_;
};

}  // namespace wf
