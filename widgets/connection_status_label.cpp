#include "connection_status_label.h"

#include "slo_evaluation.h"

#include <QDateTime>
#include <QTimer>

namespace wf {

ConnectionStatusLabel::ConnectionStatusLabel(std::function<qint64()> lastDataWallMs,
                                             QWidget* parent)
    : QLabel(parent), lastDataWallMs_(std::move(lastDataWallMs)), timer_(new QTimer(this))
{
    setObjectName(QStringLiteral("connectionStatus"));
    setTextFormat(Qt::RichText);
    timer_->setInterval(1000);
    connect(timer_, &QTimer::timeout, this, &ConnectionStatusLabel::updateText);
    timer_->start();
    updateText();
}

void ConnectionStatusLabel::setStatus(const ConnectionStatus& status)
{
    status_ = status;
    updateText();
}

void ConnectionStatusLabel::updateText()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 last = lastDataWallMs_ ? lastDataWallMs_() : 0;
    const qint64 age = last > 0 ? now - last : -1;
    const bool stale = status_.state != ConnectionState::Idle &&
                       (age < 0 || age > staleAfterMs_ || status_.state != ConnectionState::Live);
    QString colour = QStringLiteral("#2e8b57");
    QString text;
    switch (status_.state) {
        case ConnectionState::Idle:
            text = tr("Not connected");
            colour = QStringLiteral("#9a9fa8");
            break;
        case ConnectionState::Connecting:
            text = tr("Connecting to %1…").arg(endpoint_);
            colour = QStringLiteral("#d98c1f");
            break;
        case ConnectionState::Loading:
            text = tr("Loading history from %1…").arg(endpoint_);
            colour = QStringLiteral("#d98c1f");
            break;
        case ConnectionState::Live:
            text =
                stale
                    ? tr("Connected to %1, but no data for %2").arg(endpoint_, formatDuration(age))
                    : tr("Connected to %1 · live").arg(endpoint_);
            colour = stale ? QStringLiteral("#d98c1f") : colour;
            break;
        case ConnectionState::Reconnecting: {
            const qint64 in = std::max<qint64>(0, status_.nextRetryWallMs - now);
            text =
                tr("Reconnecting in %1 s (attempt %2)").arg((in + 999) / 1000).arg(status_.attempt);
            colour = QStringLiteral("#d63a3a");
            break;
        }
        case ConnectionState::Stopped:
            text = tr("Disconnected");
            colour = QStringLiteral("#d63a3a");
            break;
    }
    if (stale && status_.state != ConnectionState::Live && age >= 0)
        text += tr(" · data stale: last update %1 ago").arg(formatDuration(age));
    QString html =
        QStringLiteral("<span style='color:%1'>●</span> %2").arg(colour, text.toHtmlEscaped());
    if (!status_.detail.isEmpty() && status_.state != ConnectionState::Live)
        html += QStringLiteral(" — %1").arg(status_.detail.toHtmlEscaped());
    setText(html);
    setToolTip(status_.detail);
    if (stale != stale_) {
        stale_ = stale;
        emit staleChanged(stale_);
    }
}

}  // namespace wf
