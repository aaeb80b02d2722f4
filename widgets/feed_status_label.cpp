#include "feed_status_label.h"

namespace wf {

FeedStatusLabel::FeedStatusLabel(const QString& what, QWidget* parent) : QLabel(parent), what_(what)
{
    setObjectName(QStringLiteral("feedStatus"));
    setWordWrap(true);
    setStyleSheet(QStringLiteral("color:#e0b04a"));
    hide();
}

void FeedStatusLabel::setStatus(const ConnectionStatus& status)
{
    const bool live = status.state == ConnectionState::Live;
    setVisible(!live);
    if (live)
        return;
    QString text = tr("%1: %2 may be out of date.").arg(connectionStateName(status.state), what_);
    if (!status.detail.isEmpty())
        text += ' ' + status.detail;
    setText(text);
}

}  // namespace wf
