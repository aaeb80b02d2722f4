#include "incident_sync.h"

#include "incident_sync_worker.h"

#include "connection_status.h"

#include <QDateTime>

namespace wf {

QString IncidentSyncStatus::text() const
{
    QString out;
    switch (state) {
        case State::Off: out = QObject::tr("Incidents kept on this console only"); break;
        case State::Connecting: out = QObject::tr("Connecting to share incidents…"); break;
        case State::Shared:
            out = unsent > 0 ? QObject::tr("Sharing incidents: %n change(s) being sent", "", unsent)
                             : QObject::tr("Incidents shared with the platform");
            break;
        case State::Unreachable:
            out = unsent > 0 ? QObject::tr(
                                   "Platform unreachable: %n change(s) kept here, sent when "
                                   "it is back",
                                   "", unsent)
                             : QObject::tr("Platform unreachable: incidents may be out of date");
            break;
        case State::ReadOnly:
            out = QObject::tr("Your role cannot share incidents: changes stay on this console");
            break;
    }
    if (lastSyncMs > 0 && state != State::Shared) {
        const qint64 ago = (QDateTime::currentMSecsSinceEpoch() - lastSyncMs) / 1000;
        out += QObject::tr(" (last shared %1 s ago)").arg(std::max<qint64>(0, ago));
    }
    if (conflicts > 0)
        out += QObject::tr("; %n postmortem section(s) edited elsewhere at the same time", "",
                           conflicts);
    return out;
}

IncidentSync::IncidentSync(QObject* parent) : QObject(parent), worker_(new IncidentSyncWorker(this))
{
    qRegisterMetaType<wf::IncidentSyncStatus>();
    qRegisterMetaType<wf::PostmortemSection>();
    qRegisterMetaType<wf::ConnectionStatus>();
    worker_->moveToThread(&thread_);
    thread_.setObjectName(QStringLiteral("incident-sync"));
    thread_.start();
}

IncidentSync::~IncidentSync()
{
    QMetaObject::invokeMethod(
        worker_, [w = worker_] { w->shutdown(); }, Qt::BlockingQueuedConnection);
    thread_.quit();
    thread_.wait();
    delete worker_;
}

void IncidentSync::open(const QString& path)
{
    QMetaObject::invokeMethod(worker_, [w = worker_, path] { w->open(path); });
}

void IncidentSync::start(const EndpointConfig& config)
{
    QMetaObject::invokeMethod(worker_, [w = worker_, config] { w->start(config); });
}

void IncidentSync::stop()
{
    QMetaObject::invokeMethod(worker_, [w = worker_] { w->stop(); });
}

void IncidentSync::nudge(const QString& incidentId)
{
    QMetaObject::invokeMethod(worker_, [w = worker_, incidentId] { w->nudge(incidentId); });
}

void IncidentSync::resolveSectionConflict(const QString& incidentId, PostmortemSectionKey key,
                                          bool keepMine)
{
    QMetaObject::invokeMethod(worker_, [w = worker_, incidentId, key, keepMine] {
        w->resolveSectionConflict(incidentId, key, keepMine);
    });
}

void IncidentSync::flush()
{
    QMetaObject::invokeMethod(
        worker_, [] {}, Qt::BlockingQueuedConnection);
}

void IncidentSync::setPassIntervalMs(int ms)
{
    QMetaObject::invokeMethod(worker_, [w = worker_, ms] { w->setPassIntervalMs(ms); });
}

}  // namespace wf
